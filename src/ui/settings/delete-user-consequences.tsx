import { useEffect, useState } from "preact/hooks";
import { api, type User } from "../api";

/** Says exactly what goes with a user, counting their keys, before anyone confirms. */
export function DeleteUserConsequences({ user }: { user: User }) {
  const [keyCount, setKeyCount] = useState<number>();

  useEffect(() => {
    api.listKeys({ userId: user.id }).then(
      ({ keys }) => setKeyCount(keys.length),
      () => setKeyCount(undefined),
    );
  }, [user.id]);

  const keys =
    keyCount === undefined
      ? "all their API keys"
      : keyCount === 0
        ? "who has no API keys"
        : keyCount === 1
          ? "their 1 API key"
          : `their ${keyCount} API keys`;
  return (
    <>
      <p>
        This permanently deletes <strong>{user.username}</strong>, {keys}, and signs them out everywhere.
      </p>
      {keyCount !== 0 && <p>Applications using {user.username}’s keys lose access instantly.</p>}
    </>
  );
}
