/** A tiny element builder: no framework, so the portal stays small on a slow phone. */
type Child = Node | string | number | false | null | undefined | readonly Child[];
type Attrs = Readonly<Record<string, unknown>>;

/** Set as properties (their live state), not attributes. */
const PROPERTIES = new Set(['value', 'checked', 'selected', 'disabled', 'hidden', 'open', 'textContent']);

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on') && typeof value === 'function') {
        element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
      } else if (PROPERTIES.has(name)) {
        (element as unknown as Record<string, unknown>)[name] = value;
      } else {
        element.setAttribute(name === 'className' ? 'class' : name, value === true ? '' : String(value));
      }
    }
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's content. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** Moves focus to a page's heading after navigation, so screen readers announce the new page. */
export function focusHeading(root: ParentNode): void {
  const heading = root.querySelector<HTMLElement>('h1, h2');
  if (!heading) return;
  heading.tabIndex = -1;
  heading.focus({ preventScroll: false });
}

let ids = 0;
export const uid = (prefix: string): string => `${prefix}-${++ids}`;
