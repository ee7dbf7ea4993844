// A key as the counter's buttons and help show it (e.g. "X" on "Exact cash"); hidden from screen readers, which read
// the button's aria-keyshortcuts instead.
export function Kbd({ children }: { children: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {children}
    </kbd>
  );
}
