import type { D1Migration } from '@cloudflare/vitest-plugin';

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** Base URL of the fake LLM upstream, for its /__fake admin API. */
      FAKE_LLM_URL: string;
      /** The fake Telegram Bot API server, for its /__fake/calls log. */
      FAKE_TELEGRAM_URL: string;
      /** The fake GitHub REST API, for its /__fake/comments log. */
      FAKE_GITHUB_URL: string;
      /** Why the test Chroma did not start, when CHROMA_URL is empty. */
      CHROMA_START_ERROR: string;
      /** The fake Resend/SendGrid server, for its /__fake/messages log and /__fake/fail. */
      FAKE_EMAIL_URL: string;
      /** The fake X API v2 server: /__fake/posts, /__fake/mentions, /__fake/faults. */
      FAKE_X_URL: string;
      /** The private half of SENDGRID_WEBHOOK_PUBLIC_KEY (base64 PKCS#8), to sign events as SendGrid does. */
      SENDGRID_TEST_PRIVATE_KEY: string;
      /** The fake blog's webhook URL; its /__fake/posts log sits beside it. */
      FAKE_BLOG_URL: string;
      /** Fake LinkedIn Posts API: /__fake/posts, /__fake/faults, /__fake/token ({expired}). */
      FAKE_LINKEDIN_URL: string;
      /** Fake Discord: /__fake/messages, /__fake/faults; the webhook URL is DISCORD_WEBHOOK_URL. */
      FAKE_DISCORD_URL: string;
      /** Fake Reddit (token and submit): /__fake/posts, /__fake/grants, /__fake/faults, /__fake/revoke. */
      FAKE_REDDIT_URL: string;
      /** The alert webhook's receiver; /__fake/alerts and /__fake/refusals sit beside it. */
      FAKE_ALERTS_URL: string;
      /** The fake LLM behind a stand-in for Cloudflare Access (test/setup/gates.ts). */
      ACCESS_LLM_URL: string;
      /** Chroma behind the same stand-in; '' when Chroma did not start. */
      ACCESS_CHROMA_URL: string;
      /** The fake LLM behind a gate checking TEST_CUSTOM_LLM_KEY and an x-tenant header. */
      KEYED_LLM_URL: string;
      TEST_CUSTOM_LLM_KEY: string;
      TEST_CUSTOM_LLM_TENANT: string;
      /** The fake web: POST /__fake/pages registers a page, GET /__fake/requests lists what was read. */
      FAKE_WEB_URL: string;
      /** Runs `promtool check metrics` on a POSTed body. */
      PROMTOOL_URL: string;
    }
  }
}
