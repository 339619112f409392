import { type ComponentChild, type FunctionComponent, h } from "preact";
import { useEffect, useState } from "preact/hooks";

/**
 * A component whose code loads on first use: a dynamic import(), so it is its own chunk and not part of
 * the JavaScript a signed-in page needs at first paint (scripts/build-ui.mjs weighs that initial chunk).
 * Until it arrives `placeholder` renders — the same box, so nothing moves (CLS). A chunk that fails to
 * load says so, and the next render tries again.
 */
export function lazy<P extends object>(
  load: () => Promise<FunctionComponent<P>>,
  placeholder: (props: P) => ComponentChild = () => null,
): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  let loading: Promise<FunctionComponent<P>> | undefined;
  return function Lazy(props: P) {
    const [failed, setFailed] = useState(false);
    const [, setReady] = useState(false);
    useEffect(() => {
      if (loaded) return;
      loading ??= load().then((component) => (loaded = component));
      loading.then(
        () => setReady(true),
        () => {
          loading = undefined;
          setFailed(true);
        },
      );
    }, [failed]);
    if (loaded) return h(loaded, props);
    if (failed)
      return h("p", { class: "error", role: "alert" }, "Part of this page could not be loaded. Check your connection and reload the page.");
    return placeholder(props);
  };
}
