/** The secret the Worker signs alerts with in the tests, and the receiver checks them with. */
export const ALERT_WEBHOOK_SECRET = 'test-alert-webhook-secret-0123456789abcdef';
