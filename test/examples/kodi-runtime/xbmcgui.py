"""Stand-in for Kodi's xbmcgui: each dialog shown is printed as one JSON line."""
import json

NOTIFICATION_INFO = "info"
NOTIFICATION_WARNING = "warning"
NOTIFICATION_ERROR = "error"


class Dialog:
    def notification(self, heading, message, icon=NOTIFICATION_INFO, time=5000, sound=True):
        print(json.dumps({"dialog": "notification", "heading": heading, "message": message, "icon": icon}))

    def select(self, heading, items, *args, **kwargs):
        print(json.dumps({"dialog": "select", "heading": heading, "items": list(items)}))
        return -1
