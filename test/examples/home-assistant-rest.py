"""What Home Assistant's `rest` integration does with a configuration, one update, printed as JSON.

    python3 home-assistant-rest.py CONFIG.yaml ORIGIN   (the key in PODKEYS_KEY, served as !secret podkeys_api_key)

A stand-in for Home Assistant's runtime, built from the same parts: PyYAML with a `!secret` tag, one
HTTP request as configured, and Jinja2 templates with `value_json`. As in homeassistant/components/rest
(data.py), the body of any answer, 2xx or not, goes to the templates; only a failed connection makes
the entities unavailable. The resource's scheme and host are replaced by ORIGIN (the local Worker).
"""
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

SECRETS = {"podkeys_api_key": os.environ["PODKEYS_KEY"]}


class Loader(yaml.SafeLoader):
    pass


Loader.add_constructor("!secret", lambda loader, node: SECRETS[loader.construct_scalar(node)])


def fetch(resource, method, headers):
    """(status, body text) whatever the status, like Home Assistant's RestData."""
    request = urllib.request.Request(resource, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def render(template, text):
    """A value_template rendered as Home Assistant does: `value`, and `value_json` when the body is JSON."""
    variables = {"value": text}
    try:
        variables["value_json"] = json.loads(text)
    except ValueError:
        pass
    return ImmutableSandboxedEnvironment().from_string(template).render(variables).strip()


def main(config_path, origin):
    with open(config_path, encoding="utf-8") as file:
        config = yaml.load(file, Loader=Loader)
    entities = {}
    for rest in config["rest"]:
        target = urllib.parse.urlsplit(origin)
        resource = urllib.parse.urlsplit(rest["resource"])._replace(scheme=target.scheme, netloc=target.netloc).geturl()
        status, text = fetch(resource, rest.get("method", "GET"), rest.get("headers", {}))
        for sensor in rest.get("binary_sensor", []):
            state = render(sensor["value_template"], text).lower() in ("true", "on", "open", "yes", "1")
            entities["binary_sensor." + sensor["unique_id"]] = {"state": "on" if state else "off"}
        for sensor in rest.get("sensor", []):
            body = json.loads(text)
            attributes = {name: body[name] for name in sensor.get("json_attributes", []) if name in body}
            entities["sensor." + sensor["unique_id"]] = {"state": render(sensor["value_template"], text), "attributes": attributes}
    print(json.dumps({"status": status, "entities": entities}))


main(sys.argv[1], sys.argv[2])
