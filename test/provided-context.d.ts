// Values the Node-side global setup hands to the Worker tests' configuration.
declare module 'vitest' {
  interface ProvidedContext {
    databaseUrl: string;
    neonWsProxy: string;
    redisRestUrl: string;
    redisRestToken: string;
    fakeLlmUrl: string;
    fakeTelegramUrl: string;
    fakeGithubUrl: string;
    fakeEmailUrl: string;
    fakeXUrl: string;
    fakeBlogUrl: string;
    /** LinkedIn Posts API, a Discord webhook and Reddit's OAuth API (local-stack/services/fake-*.ts). */
    fakeLinkedinUrl: string;
    fakeDiscordUrl: string;
    fakeDiscordWebhookUrl: string;
    fakeRedditUrl: string;
    /** The signed alert webhook's receiver (local-stack/services/fake-alert-receiver.ts). */
    fakeAlertsUrl: string;
    /** Pages for the agents' web tools, and a Brave Search stand-in listing them. */
    fakeWebUrl: string;
    fakeWebSearchUrl: string;
    promtoolUrl: string;
    /** A real Chroma server; '' when it could not start (chromaError says why). */
    chromaUrl: string;
    chromaError: string;
    /** Header gates (test/setup/gates.ts): Access in front of the fake LLM and Chroma, a keyed provider. */
    accessLlmUrl: string;
    accessChromaUrl: string;
    keyedLlmUrl: string;
  }
}

export {};
