import { useState } from "preact/hooks";

/**
 * Copy to the clipboard, with a status line saying what happened. Without the Clipboard API (an
 * insecure origin, a denied permission) the text is selected in `box`, for the person to copy.
 */
export function useCopy() {
  const [status, setStatus] = useState("");
  async function copy(text: string, box: Node | null) {
    try {
      await navigator.clipboard.writeText(text);
      setStatus("Copied to the clipboard.");
    } catch {
      if (!box) return setStatus("Copying is not available here: select the text and copy it.");
      const range = document.createRange();
      range.selectNodeContents(box);
      const selection = getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
      setStatus("Selected. Press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  }
  return { status, setStatus, copy };
}
