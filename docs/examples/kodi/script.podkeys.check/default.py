"""Kodi add-on: check the Podkeys key in the add-on's settings and list its owner's keys.

Standard library only (urllib): Kodi's Python does not ship requests.
"""
import json
import urllib.error
import urllib.request

import xbmcaddon
import xbmcgui


def podkeys(url, key, path):
    """GET a Podkeys endpoint with the key: (HTTP status, JSON body), for refusals (401) too."""
    request = urllib.request.Request(url.rstrip("/") + path, headers={"Authorization": "Bearer " + key})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def main():
    addon = xbmcaddon.Addon()
    url, key = addon.getSetting("server_url"), addon.getSetting("api_key")
    dialog = xbmcgui.Dialog()
    try:
        status, me = podkeys(url, key, "/api/me")
    except (urllib.error.URLError, ValueError) as error:
        dialog.notification("Podkeys", "Cannot reach the server: %s" % error, xbmcgui.NOTIFICATION_ERROR)
        return
    if status != 200:
        dialog.notification("Podkeys", "Key refused: %s" % me["error"]["code"], xbmcgui.NOTIFICATION_ERROR)
        return
    dialog.notification("Podkeys", "Key of %s is valid" % me["user"]["username"], xbmcgui.NOTIFICATION_INFO)

    _, body = podkeys(url, key, "/api/keys")
    dialog.select("Your Podkeys keys", ["%s  %s" % (k["name"], k["hint"]) for k in body["keys"]])


main()
