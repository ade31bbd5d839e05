import { h } from '../dom';
import { formMessage } from './form-message';

export interface CapChange {
  scope: string;
  window: 'day' | 'month';
  /** In the budget currency; null removes the cap. */
  amount: number | null;
}

/** Set or remove one cap (owner only; the API says so to anyone else). */
export function capForm(currency: string, setCap: (change: CapChange) => Promise<void>) {
  const scope = h('input', { name: 'scope', 'aria-label': 'Scope', value: 'global:*', placeholder: 'agent:ceo' });
  const window = h(
    'select',
    { name: 'window', 'aria-label': 'Window' },
    h('option', { value: 'day' }, 'day'),
    h('option', { value: 'month' }, 'month'),
  );
  const amount = h('input', {
    name: 'amount',
    'aria-label': `Cap in ${currency}`,
    inputmode: 'decimal',
    placeholder: `${currency}, empty removes`,
  });
  const message = formMessage();
  return h(
    'form',
    {
      class: 'owner-form inline',
      onsubmit: (event: Event) => {
        event.preventDefault();
        const text = amount.value.trim();
        const value = text === '' ? null : Number(text);
        if (value !== null && (!Number.isFinite(value) || value < 0))
          return message.set('The cap is a number of at least 0, or empty to remove it.', true);
        const change = { scope: scope.value.trim(), window: window.value as CapChange['window'], amount: value };
        void message.run('Saving…', async () => {
          await setCap(change);
          return value === null
            ? `Removed the ${change.window} cap of ${change.scope}.`
            : `${change.scope} ${change.window} cap is ${value} ${currency}.`;
        });
      },
    },
    scope,
    window,
    amount,
    h('button', { type: 'submit' }, 'Set cap'),
    message.element,
  );
}
