/**
 * An attachment (`{@attach focusOnMount}`) that moves the focus into an element the person
 * just opened (an editor, a dialog), so typing or Escape works at once.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}
