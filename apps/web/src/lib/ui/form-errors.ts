import type { Attachment } from 'svelte/attachments';

/**
 * Ties a form's server error to the fields it is about (WCAG 3.3.1, 1.3.1) and takes the
 * focus there, as the join and login forms do: each field marked `aria-invalid` gets the
 * message in its `aria-describedby`, and the first of them (or the message itself, when no
 * field is named) takes the focus, instead of the focus falling to the page while the
 * message sits at the bottom of the form. Attach it to the message: `{@attach
 * tieToFields(() => error)}`; it runs again when the error changes, and unties on the way out.
 * Only when the person was working in that form: an error shown on a page's first load
 * does not pull the focus.
 */
export function tieToFields(current: () => unknown): Attachment<HTMLElement> {
  return (message) => {
    current();
    const scope = message.closest('form') ?? message.parentElement;
    if (!scope || !message.id) return;
    const fields = [...scope.querySelectorAll<HTMLElement>('[aria-invalid="true"]')];
    for (const field of fields) {
      const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean);
      if (!ids.includes(message.id)) field.setAttribute('aria-describedby', [...ids, message.id].join(' '));
    }
    const active = document.activeElement;
    if (active === null || active === document.body || scope.contains(active)) {
      const first = fields.find((field) => field.getClientRects().length > 0 && !field.matches(':disabled'));
      if (first) first.focus();
      else {
        message.tabIndex = -1;
        message.focus();
      }
    }
    return () => {
      for (const field of fields) {
        const ids = (field.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== message.id);
        if (ids.length > 0) field.setAttribute('aria-describedby', ids.join(' '));
        else field.removeAttribute('aria-describedby');
      }
    };
  };
}
