import type { Api } from './api';
import { byId, fill, h } from './dom';
import { shortTime } from './format';
import { keyActions } from './key-actions';
import { keyErrorText } from './key-view';
import { formMessage } from './panels/form-message';
import { revokeConfirm, rotateForm } from './panels/key-change';
import { keyForm } from './panels/key-form';
import { renderKeys } from './panels/keys';
import { secretBox } from './panels/secret-box';
import type { ApiKey } from './types';

const PARTS = ['key-secret', 'key-create', 'key-change', 'keys', 'key-status'] as const;

// Answers that arrive after the panel closed (a logout mid-request) must not fill it again.
let generation = 0;

/** Hides the panel and empties it, a secret still on show included (on logout, or for a non-owner). */
export function closeKeysPanel(): void {
  generation += 1;
  secretBox(byId('key-secret')).close();
  for (const id of PARTS) fill(byId(id));
  byId('keys-card').hidden = true;
}

/**
 * The owner's API keys: list, create, rotate, revoke. Other roles never see it; should the API
 * refuse anyway (a role changed since login), the panel says so and the rest of the page goes on.
 */
export function openKeysPanel(api: Api, role: string): void {
  closeKeysPanel();
  if (role !== 'owner') return;
  const opened = generation;
  const current = () => opened === generation;
  byId('keys-card').hidden = false;
  const actions = keyActions(api);
  const secret = secretBox(byId('key-secret'));
  const change = byId('key-change');
  const status = formMessage();
  fill(byId('key-status'), status.element);
  let formShown = false;

  const act = (pending: string, work: () => Promise<string>) => {
    fill(change);
    void status.run(
      pending,
      async () => {
        try {
          return await work();
        } finally {
          void refresh();
        }
      },
      keyErrorText,
    );
  };

  const rows = {
    rotate: (key: ApiKey) =>
      fill(
        change,
        rotateForm(
          key,
          (graceSeconds) =>
            act(`Rotating ${key.label}…`, async () => {
              const rotated = await actions.rotate(key.id, graceSeconds);
              if (current()) secret.show(rotated.secret, `New secret for ${rotated.key.label}`);
              return `Rotated ${key.label}: ${rotated.key.prefix}… replaces ${key.prefix}…, which works until ${shortTime(rotated.previous.expiresAt)}.`;
            }),
          () => fill(change),
        ),
      ),
    revoke: (key: ApiKey) =>
      fill(
        change,
        revokeConfirm(
          key,
          () =>
            act(`Revoking ${key.label}…`, async () => {
              const revoked = await actions.revoke(key.id);
              return `Revoked ${revoked.label} (${revoked.prefix}…).`;
            }),
          () => fill(change),
        ),
      ),
  };

  async function refresh(): Promise<void> {
    try {
      const list = await actions.list();
      if (!current()) return;
      renderKeys(byId('keys'), list, rows);
      if (formShown) return;
      formShown = true;
      fill(
        byId('key-create'),
        keyForm(list.currency, async (request) => {
          const created = await actions.create(request);
          if (current()) secret.show(created.secret, `New key for ${created.key.label}`);
          void refresh();
          return `Created ${created.key.label} (${created.key.role}, ${created.key.prefix}…).`;
        }),
      );
    } catch (error) {
      if (!current()) return;
      fill(
        byId('keys'),
        h('p', { class: 'panel-error' }, `Could not load the keys: ${keyErrorText(error)}`),
        h('button', { type: 'button', class: 'ghost small', onclick: () => void refresh() }, 'Try again'),
      );
    }
  }
  void refresh();
}
