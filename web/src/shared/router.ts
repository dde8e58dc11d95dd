/** Hash routes (#/path/segments): static hosting needs no rewrite rules, and the path never reaches a server log. */
export function currentRoute(): string[] {
  return (
    location.hash.replace(/^#\/?/, '').split('?')[0]?.split('/').filter(Boolean).map(decodeURIComponent) ?? []
  );
}

export function go(path: string): void {
  if (location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = path;
}

/** Runs `render` on every route change; cleanups returned by a render run before the next one. */
export function onRoute(
  render: (route: string[]) => (() => void) | undefined | Promise<(() => void) | undefined>,
): void {
  let cleanup: (() => void) | undefined;
  const run = async () => {
    cleanup?.();
    cleanup = undefined;
    cleanup = (await render(currentRoute())) ?? undefined;
  };
  window.addEventListener('hashchange', () => void run());
  void run();
}
