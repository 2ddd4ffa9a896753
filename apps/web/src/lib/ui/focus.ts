/**
 * An attachment (`{@attach focusOnMount}`) that moves the focus into an element the person
 * just opened (an editor, a dialog), so typing or Escape works at once.
 */
export function focusOnMount(node: HTMLElement): void {
  node.focus();
}

/**
 * Moves the focus once the change just made has reached the page: to what an action put in
 * place of its own button (the Edit button after Save, the result of a send). `find` runs
 * after Svelte's update, so it can name an element that did not exist before.
 */
export async function focusAfterUpdate(find: () => HTMLElement | null | undefined): Promise<void> {
  const { tick } = await import('svelte');
  await tick();
  find()?.focus();
}
