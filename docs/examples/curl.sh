#!/bin/sh
# Check a Podkeys key with curl: whose is it, which keys does its owner have, is it valid?
#   PODKEYS_URL=https://keys.example.com PODKEYS_KEY=podk_… sh curl.sh
set -eu
PODKEYS_URL="${PODKEYS_URL:-http://localhost:8787}"

# The key goes to curl on stdin (-H @-), not on its command line, where `ps` would show it.
with_key() {
  printf '%s: %s\n' "$1" "$2" | curl --fail-with-body --silent --show-error -H @- "$3"
  echo
}

# Who owns this key? 200 {"user":…,"via":"apiKey","key":…}, or 401 {"error":{"code":"INVALID_KEY",…}}
with_key Authorization "Bearer $PODKEYS_KEY" "$PODKEYS_URL/api/me"

# The owner's keys: names and hints, never the keys themselves.
with_key Authorization "Bearer $PODKEYS_KEY" "$PODKEYS_URL/api/keys"

# Pinepods clients send the key in Api-Key: 200 {"status":"success"}
with_key Api-Key "$PODKEYS_KEY" "$PODKEYS_URL/api/data/verify_key"

# A service checking a key someone gave it needs no credentials of its own; this answers 200 either way:
# {"valid":true,"keyId":…,"user":…} or {"valid":false,"code":"NOT_FOUND"}
printf '{"key":"%s"}' "$PODKEYS_KEY" |
  curl --fail-with-body --silent --show-error -H 'content-type: application/json' --data @- "$PODKEYS_URL/api/keys/verify"
echo
