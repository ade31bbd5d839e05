import { ApiError } from '../api';
import { h } from '../dom';
import { keyErrorText } from '../key-view';
import type { NewApiKeyRequest } from '../types';
import { formMessage } from './form-message';

const MAX_CAP = 1_000_000;

class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The form field an API refusal names: `models[2]` is the models field, `budget.day` the day cap. */
const fieldOf = (param: string) => param.replace(/\[\d+\]$/, '').replace(/^budget\./, '');

function capOf(input: HTMLInputElement, currency: string): number | undefined {
  const text = input.value.trim();
  if (text === '') return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > MAX_CAP)
    throw new FieldError(input.name, `The ${input.name} cap is a number of ${currency} from 0 to ${MAX_CAP}.`);
  return value;
}

/** Create a key: name and role, optionally an expiry, caps and the models it may call. */
export function keyForm(currency: string, create: (request: NewApiKeyRequest) => Promise<string>) {
  const name = h('input', { name: 'name', 'aria-label': 'Key name', placeholder: 'Name, e.g. ci-deploy' });
  const role = h(
    'select',
    { name: 'role', 'aria-label': 'Role' },
    ...['readonly', 'operator', 'owner'].map((value) => h('option', { value }, value)),
  );
  const expiresAt = h('input', { name: 'expiresAt', type: 'datetime-local', 'aria-label': 'Expires (UTC)' });
  const cap = (window: 'day' | 'month') =>
    h('input', {
      name: window,
      inputmode: 'decimal',
      'aria-label': `Cap per ${window} in ${currency}`,
      placeholder: `${currency}/${window} cap`,
    });
  const [day, month] = [cap('day'), cap('month')];
  const models = h('input', {
    name: 'models',
    'aria-label': 'Allowed models',
    placeholder: 'Models, comma-separated',
  });
  const fields = [name, role, expiresAt, day, month, models];
  const message = formMessage();

  const markInvalid = (field: string | null) => {
    for (const input of fields) {
      if (input.name === field) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
    fields.find((input) => input.name === field)?.focus();
  };

  function request(): NewApiKeyRequest {
    const label = name.value.trim();
    if (!label || label.length > 100) throw new FieldError('name', 'Name the key (1 to 100 characters).');
    const body: NewApiKeyRequest = { name: label, role: role.value as NewApiKeyRequest['role'] };
    if (expiresAt.value) {
      // The field holds a wall-clock time without a zone; the dashboard speaks UTC.
      const at = new Date(`${expiresAt.value}Z`);
      if (!(at.getTime() > Date.now())) throw new FieldError('expiresAt', 'The expiry must be in the future (UTC).');
      body.expiresAt = at.toISOString();
    }
    const [dayCap, monthCap] = [capOf(day, currency), capOf(month, currency)];
    if (dayCap !== undefined || monthCap !== undefined)
      body.budget = { day: dayCap, month: monthCap, currency: 'budget' };
    const names = models.value
      .split(',')
      .map((model) => model.trim())
      .filter(Boolean);
    if (names.length > 100) throw new FieldError('models', 'At most 100 models.');
    if (names.length > 0) body.models = names;
    return body;
  }

  const form = h(
    'form',
    {
      class: 'owner-form inline key-form',
      onsubmit: (event: Event) => {
        event.preventDefault();
        let body: NewApiKeyRequest;
        try {
          body = request();
        } catch (error) {
          markInvalid((error as FieldError).field);
          return message.set((error as Error).message, true);
        }
        markInvalid(null);
        void message.run(
          'Creating…',
          async () => {
            const done = await create(body);
            form.reset();
            return done;
          },
          (error) => {
            if (error instanceof ApiError && error.param) markInvalid(fieldOf(error.param));
            return keyErrorText(error);
          },
        );
      },
    },
    h(
      'p',
      { class: 'muted small key-form-help' },
      'Expiry (UTC), caps and models are optional: without them the key never expires, has no caps of its own and may call every model.',
    ),
    ...fields,
    h('button', { type: 'submit' }, 'Create key'),
    message.element,
  );
  return form;
}
