"""Check a Podkeys key with requests: whose is it, and is it valid?

    PODKEYS_URL=https://keys.example.com PODKEYS_KEY=podk_… python3 check_key.py
"""
import os
import sys

import requests

URL = os.environ.get("PODKEYS_URL", "http://localhost:8787").rstrip("/")
KEY = os.environ["PODKEYS_KEY"]


def whoami(key):
    """The key's owner, as GET /api/me answers; raises requests.HTTPError for a refused key (401)."""
    response = requests.get(f"{URL}/api/me", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    response.raise_for_status()
    return response.json()


def verify(key):
    """For a service checking a key someone gave it: no credentials of its own, 200 either way."""
    response = requests.post(f"{URL}/api/keys/verify", json={"key": key}, timeout=10)
    response.raise_for_status()
    return response.json()


try:
    me = whoami(KEY)
except requests.HTTPError as error:
    sys.exit(f"Podkeys refused the key: {error.response.json()['error']['code']}")
print(f"Key \"{me['key']['name']}\" belongs to {me['user']['username']} ({me['user']['role']}).")

result = verify(KEY)
if result["valid"]:
    print(f"Valid: key {result['keyId']}, scope {result['scope']}, expires {result['expiresAt'] or 'never'}.")
else:
    print(f"Not valid: {result['code']}")
