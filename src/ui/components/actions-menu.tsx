import { useLayoutEffect, useRef, useState } from "preact/hooks";

export interface MenuItem {
  label: string;
  /** Read after the label by screen readers only: "Disable" + " Kodi living room". */
  about: string;
  onSelect: () => void;
  danger?: boolean;
}

interface ActionsMenuProps {
  /** What the menu acts on, for the toggle's accessible name: "Actions for Kodi living room". */
  about: string;
  items: MenuItem[];
  /** Lets a caller find this toggle again to put focus back on it (after a dialog replaced a row, say). */
  toggleId?: string;
}

/**
 * A row's actions behind one button, so a row stays one line wide on a desktop and one card wide on
 * a phone. A disclosure of plain buttons (not an ARIA menu): Tab and the arrow keys move through
 * them, Esc and a click or Tab elsewhere close it with focus back on the toggle.
 */
export function ActionsMenu({ about, items, toggleId }: ActionsMenuProps) {
  const [open, setOpen] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  const buttons = () => [...(wrapper.current?.querySelectorAll<HTMLButtonElement>(".menu button") ?? [])];

  // A layout effect: focus is on the first item before the next keystroke arrives.
  useLayoutEffect(() => {
    if (!open) return;
    buttons()[0]?.focus();
    const outside = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  function onKeyDown(event: KeyboardEvent) {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      setOpen(false);
      toggle.current?.focus();
    } else if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const all = buttons();
      const index = all.indexOf(document.activeElement as HTMLButtonElement);
      const step = event.key === "ArrowDown" ? 1 : -1;
      all[(index + step + all.length) % all.length]?.focus();
    }
  }

  function select(item: MenuItem) {
    // Focus first on the toggle: a dialog opened next takes it as the place to return to.
    toggle.current?.focus();
    setOpen(false);
    item.onSelect();
  }

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the keys handled here (arrows, Esc) belong to the menu's button and items inside; the wrapper only catches them as they bubble.
    <div
      ref={wrapper}
      class="actions"
      onKeyDown={onKeyDown}
      onFocusOut={(event) => {
        if (open && !wrapper.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={toggle}
        id={toggleId}
        type="button"
        class="button button-small menu-toggle"
        title="Actions"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <span class="visually-hidden">Actions for {about}</span>
        <svg class="menu-dots" viewBox="0 0 16 16" aria-hidden="true">
          <circle cx="3" cy="8" r="1.5" />
          <circle cx="8" cy="8" r="1.5" />
          <circle cx="13" cy="8" r="1.5" />
        </svg>
      </button>
      <div class="menu" hidden={!open}>
        {items.map((item) => (
          <button
            key={item.label}
            type="button"
            class={item.danger ? "menu-item menu-item-danger" : "menu-item"}
            onClick={() => select(item)}
          >
            {item.label}
            <span class="visually-hidden"> {item.about}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
