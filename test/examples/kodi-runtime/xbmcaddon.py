"""Stand-in for Kodi's xbmcaddon: the add-on's settings come from KODI_SETTINGS (JSON)."""
import json
import os


class Addon:
    def getSetting(self, setting_id):
        return json.loads(os.environ["KODI_SETTINGS"]).get(setting_id, "")
