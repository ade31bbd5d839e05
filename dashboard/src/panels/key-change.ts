import { h } from '../dom';
import type { ApiKey } from '../types';
import { formMessage } from './form-message';

const MAX_GRACE_HOURS = 30 * 24;

const keyName = (key: ApiKey) => `${key.label} (${key.prefix}…)`;

/** Rotation asks how long the old secret keeps working, so its holders have time to switch. */
export function rotateForm(key: ApiKey, rotate: (graceSeconds: number) => void, cancel: () => void) {
  const hours = h('input', {
    name: 'graceHours',
    inputmode: 'decimal',
    value: '24',
    'aria-label': 'Grace period in hours',
  });
  const message = formMessage();
  return h(
    'form',
    {
      class: 'owner-form inline key-change',
      'data-rotate': key.id,
      onsubmit: (event: Event) => {
        event.preventDefault();
        const value = Number(hours.value.trim());
        if (hours.value.trim() === '' || !Number.isFinite(value) || value < 0 || value > MAX_GRACE_HOURS) {
          hours.setAttribute('aria-invalid', 'true');
          return message.set(`The grace period is 0 to ${MAX_GRACE_HOURS} hours.`, true);
        }
        rotate(Math.round(value * 3600));
      },
    },
    h('p', {}, `Rotate ${keyName(key)}: a new secret now; the old one keeps working for`),
    hours,
    h('span', { class: 'muted' }, 'hours'),
    h('button', { type: 'submit' }, 'Rotate key'),
    h('button', { type: 'button', class: 'ghost', onclick: cancel }, 'Cancel'),
    message.element,
  );
}

/** Revocation cannot be undone, so it takes a second, explicit click. */
export function revokeConfirm(key: ApiKey, revoke: () => void, cancel: () => void) {
  return h(
    'div',
    { class: 'owner-form inline key-change', 'data-revoke': key.id, role: 'alertdialog', 'aria-label': 'Revoke key' },
    h(
      'p',
      {},
      `Revoke ${keyName(key)}? It and the sessions opened with it stop within a minute; this cannot be undone.`,
    ),
    h('button', { type: 'button', class: 'danger', onclick: revoke }, 'Yes, revoke'),
    h('button', { type: 'button', class: 'ghost', onclick: cancel }, 'Cancel'),
  );
}
