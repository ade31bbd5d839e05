// Generated from /openapi.json by `npm run api:types`; do not edit.

export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Welcome: name, version, environment and where to go next; browsers go to the dashboard */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Welcome */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Welcome"];
                    };
                };
                /** @description A browser asking for HTML is sent to /dashboard/ */
                302: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One check per dependency, run in parallel with a timeout each */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The core (D1, Durable Objects) is up */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HealthReport"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                /** @description A core dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["HealthReport"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/auth/token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Exchange an API key for a 24-hour JWT */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TokenRequest"];
                };
            };
            responses: {
                /** @description A signed token */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TokenResponse"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** API keys (owner); never their secrets */
        get: {
            parameters: {
                query?: {
                    /** @description Active keys, or revoked and expired ones too */
                    state?: "active" | "all";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The keys, newest first */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Create an API key (owner); the key itself is in this answer only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewApiKeyRequest"];
                };
            };
            responses: {
                /** @description The new key and its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NewApiKey"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key (owner): it and its tokens stop within a minute */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The revoked key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKey"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Rotate an API key (owner): a new secret for the same client; the old one lasts the grace period */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * @description How long the old key keeps working; default a day, at most 30 days
                         * @default 86400
                         */
                        graceSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description The new key, its secret and the old key */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RotatedApiKey"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/brains": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The seven agents' personas and live status */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Seven agents */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BrainList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/action": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run an action: ask, decide, brainstorm, pause or resume an agent */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ActionRequest"];
                };
            };
            responses: {
                /** @description Pause or resume: done at once */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionAccepted"];
                    };
                };
                /** @description Queued; follow it at /api/actions/{id} */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ActionAccepted"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An action's state and result */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The action */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Action"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ws": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The dashboard stream: agent status, results and tokens, budget alerts */
        get: {
            parameters: {
                query?: {
                    /** @description A JWT from POST /api/auth/token; better sent as the subprotocol bearer.<jwt> beside empire */
                    token?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Switching to WebSocket */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ws/agents/{agent}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One agent's stream */
        get: {
            parameters: {
                query?: {
                    /** @description A JWT from POST /api/auth/token; better sent as the subprotocol bearer.<jwt> beside empire */
                    token?: string;
                };
                header?: never;
                path: {
                    agent: "visionary" | "ceo" | "mouth" | "numbers" | "drive" | "hands" | "memory";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Switching to WebSocket */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/chat/completions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Chat completion through the cost-aware router (streamed or not) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-empire-task-class"?: "simple" | "research" | "strategic";
                    "x-empire-cache"?: "0" | "1";
                    "x-empire-agent"?: string;
                    "x-empire-task"?: string;
                    "x-empire-run"?: string;
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ChatCompletionRequest"];
                };
            };
            responses: {
                /** @description A chat.completion, or with stream: true an SSE stream of chat.completion.chunk */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ChatCompletion"];
                        "text/event-stream": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The model catalogue with prices, plus the auto routes */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description An OpenAI model list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ModelList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live model catalogue, inactive models included */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The catalogue */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueModelList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Add a model (owner only); routable on this isolate at once, elsewhere within a minute */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A built-in provider (ollama, moonshot, anthropic) or one added by /api/providers */
                        provider: string;
                        modelId: string;
                        displayName: string;
                        /** @description Integer micro-USD per million input tokens */
                        inputMicrosPerMillion: number;
                        /** @description Integer micro-USD per million output tokens */
                        outputMicrosPerMillion: number;
                        /** @description Tokens in and out together */
                        contextWindow: number;
                        /** @description Most output tokens a call may ask for */
                        maxOutput: number;
                        /** @default [] */
                        capabilities?: string[];
                        /**
                         * @description An inactive model stays listed but is never routed to
                         * @default true
                         */
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description The model added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueModel"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/models/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One catalogue model */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The catalogue id with its slash encoded, e.g. ollama%2Fmistral */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The model */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueModel"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Change a model’s name, prices, limits, capabilities or active flag (owner only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The catalogue id with its slash encoded, e.g. ollama%2Fmistral */
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /** @description Integer micro-USD per million input tokens */
                        inputMicrosPerMillion?: number;
                        /** @description Integer micro-USD per million output tokens */
                        outputMicrosPerMillion?: number;
                        /** @description Tokens in and out together */
                        contextWindow?: number;
                        /** @description Most output tokens a call may ask for */
                        maxOutput?: number;
                        capabilities?: string[];
                        /** @description An inactive model stays listed but is never routed to */
                        active?: boolean;
                    };
                };
            };
            responses: {
                /** @description The model as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueModel"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Remove a model from the catalogue (owner only); policies naming it skip it */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The catalogue id with its slash encoded, e.g. ollama%2Fmistral */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The model removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CatalogueModel"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** OpenAI-compatible providers added by configuration, and whether their secrets are set */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The providers */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfiguredProviderList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Add an OpenAI-compatible provider (owner only); its key stays a Worker secret, named here */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        id: string;
                        displayName: string;
                        /**
                         * Format: uri
                         * @description The OpenAI-compatible API root, e.g. https://api.together.xyz/v1 (chat goes to <baseUrl>/chat/completions)
                         */
                        baseUrl: string;
                        /** @description Name of the Worker secret holding the key (`wrangler secret put NAME`); null for a server without keys */
                        apiKeySecret: string | null;
                        /**
                         * @description Extra headers: header name -> name of the secret holding its value
                         * @default {}
                         */
                        headerSecrets?: {
                            [key: string]: string;
                        };
                        /**
                         * @description Self-hosted behind Cloudflare Access: send CF_ACCESS_CLIENT_ID / _SECRET as CF-Access-Client-* headers
                         * @default false
                         */
                        behindAccess?: boolean;
                        /**
                         * @default max_tokens
                         * @enum {string}
                         */
                        maxTokensField?: "max_tokens" | "max_completion_tokens";
                        /**
                         * @description Parameters the upstream cannot honour: refused by name instead of sent
                         * @default []
                         */
                        unsupportedParameters?: ("seed" | "logit_bias" | "presence_penalty" | "frequency_penalty" | "parallel_tool_calls")[];
                        /**
                         * @description Whether it takes response_format json_schema
                         * @default true
                         */
                        jsonSchema?: boolean;
                    };
                };
            };
            responses: {
                /** @description The provider added */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfiguredProvider"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/providers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One provider added by configuration */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The provider */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfiguredProvider"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Change a provider added by configuration (owner only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        displayName?: string;
                        /**
                         * Format: uri
                         * @description The OpenAI-compatible API root, e.g. https://api.together.xyz/v1 (chat goes to <baseUrl>/chat/completions)
                         */
                        baseUrl?: string;
                        /** @description Name of the Worker secret holding the key (`wrangler secret put NAME`); null for a server without keys */
                        apiKeySecret?: string | null;
                        /** @description Extra headers: header name -> name of the secret holding its value */
                        headerSecrets?: {
                            [key: string]: string;
                        };
                        /** @description Self-hosted behind Cloudflare Access: send CF_ACCESS_CLIENT_ID / _SECRET as CF-Access-Client-* headers */
                        behindAccess?: boolean;
                        /** @enum {string} */
                        maxTokensField?: "max_tokens" | "max_completion_tokens";
                        /** @description Parameters the upstream cannot honour: refused by name instead of sent */
                        unsupportedParameters?: ("seed" | "logit_bias" | "presence_penalty" | "frequency_penalty" | "parallel_tool_calls")[];
                        /** @description Whether it takes response_format json_schema */
                        jsonSchema?: boolean;
                    };
                };
            };
            responses: {
                /** @description The provider as changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfiguredProvider"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Remove a provider with no catalogue models left (owner only) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The provider removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConfiguredProvider"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/responses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A model response through the cost-aware router (OpenAI Responses API, stateless; streamed or not) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-empire-task-class"?: "simple" | "research" | "strategic";
                    "x-empire-cache"?: "0" | "1";
                    "x-empire-agent"?: string;
                    "x-empire-task"?: string;
                    "x-empire-run"?: string;
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ResponsesRequest"];
                };
            };
            responses: {
                /** @description A Response object, or with stream: true an SSE stream of Responses events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ResponseObject"];
                        "text/event-stream": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * A message through the cost-aware router, in Anthropic’s wire format (streamed or not)
         * @description Authenticated by `x-api-key` or a bearer token. Errors take Anthropic’s error shape.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-empire-task-class"?: "simple" | "research" | "strategic";
                    "x-empire-cache"?: "0" | "1";
                    "x-empire-agent"?: string;
                    "x-empire-task"?: string;
                    "x-empire-run"?: string;
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AnthropicMessagesRequest"];
                };
            };
            responses: {
                /** @description A Message, or with stream: true Anthropic’s SSE events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicMessage"];
                        "text/event-stream": string;
                    };
                };
                /** @description invalid_request_error */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description authentication_error */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description billing_error: over budget, not sent */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description permission_error */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description not_found_error */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description api_error: conflict */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description request_too_large */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description api_error: unsupported media type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description api_error: no model can take the request */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description rate_limit_error */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description api_error */
                500: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description api_error: every provider failed */
                502: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
                /** @description overloaded_error: a dependency is down */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnthropicError"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/embeddings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Embeddings through the cost-aware router (OpenAI Embeddings API) */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-empire-agent"?: string;
                    "x-empire-task"?: string;
                    "x-empire-run"?: string;
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["EmbeddingsRequest"];
                };
            };
            responses: {
                /** @description An OpenAI embeddings list */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmbeddingList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/budget": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Caps, spend, reserved and remaining per window and scope, with alerts */
        get: {
            parameters: {
                query?: {
                    /** @description Swarm runs folded into one line per window (default), or listed scope by scope */
                    runs?: "folded" | "listed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Budget snapshot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BudgetView"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Set or remove caps (owner only) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        caps: {
                            scope: string;
                            /** @enum {string} */
                            window: "day" | "month";
                            /** @description In `currency`; null removes the cap */
                            amount: number | null;
                            /**
                             * @description 'budget' is the configured currency (EUR by default)
                             * @default budget
                             * @enum {string}
                             */
                            currency?: "USD" | "budget";
                        }[];
                    };
                };
            };
            responses: {
                /** @description The new budget snapshot */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BudgetSnapshot"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/spend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Spend history from the ledger, grouped by day, model, provider, agent, client, end user or status */
        get: {
            parameters: {
                query?: {
                    /** @description UTC ISO time or day (from its midnight); default 30 days ago */
                    from?: string;
                    /** @description UTC ISO time, or a day (included whole); default now */
                    to?: string;
                    groupBy?: "day" | "model" | "provider" | "agent" | "client" | "user" | "status";
                    /** @description Only the calls made for this end user (the caller's `user`, `safety_identifier` or `metadata.user_id`) */
                    user?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Spend rows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SpendReport"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/budget/reconcile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Budget spend against the spend ledger, per scope and window (today and this month)
         * @description driftMicros = spentMicros − ledgerMicros − pendingMicros. Every charge is stored with its ledger row, so drift stays zero unless rows were lost or added in Postgres. `pending` counts rows waiting to reach Postgres.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Reconciliation per scope and window */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Reconciliation"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deferrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Calls deferred by a budget cap, newest first, filtered by status
         * @description The owner sees all of them; any other key only the calls made with it.
         */
        get: {
            parameters: {
                query?: {
                    status?: "waiting" | "running" | "done" | "failed";
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deferrals with nextCursor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["DeferralPage"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/deferrals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A call deferred by a budget cap: its state, and its result once it ran
         * @description Another key's deferral is not found, except for the owner.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The deferral */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Deferral"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Atomic Reactor tasks: the built-in files and user tasks, with any file that failed to load */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Tasks */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One task with its YAML */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The task */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TaskWithYaml"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Add or change a task (YAML body); every save is a new version */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The saved version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Task"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tasks/{name}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run a task as a swarm: one job per fan-out item, through the router, with the run as its budget scope */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description A client-chosen key (a UUID is usual), 1-255 printable ASCII characters. A repeat with the same key within 24 hours is answered with the first answer (header Idempotent-Replayed: true) and is not billed again; while the first is still running it is answered 409 idempotency_in_progress with Retry-After; the same key with another body or path is 422 idempotency_key_reused. 2xx and 4xx answers are kept; 400s and 5xx release the key, so a retry runs again. */
                    "idempotency-key"?: string;
                };
                path: {
                    name: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @default {} */
                        inputs?: {
                            [key: string]: unknown;
                        };
                        /** @description Run only the first N items, or N variations */
                        fanout?: number;
                    };
                };
            };
            responses: {
                /** @description The run, queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunStarted"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Swarm runs, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run: total, queued, running, done, failed, cost and results */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunView"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/runs/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a run: every job not yet reported ends as cancelled; spend reported later still counts */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RunView"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/ws/runs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A run's live progress */
        get: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Switching to WebSocket */
                101: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The scheduled workflows: schedule (in its time zone), last run and next run; and the sweep that ends runs a crash left running */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Workflows */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{id}/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A workflow's run history, newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Runs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowRunList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{id}/run": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a run of a workflow now, with an optional input; it runs in the background (poll GET /api/workflows/{id}/runs). The same Idempotency-Key answers with the same run */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description Repeat a request safely: the same key runs once */
                    "idempotency-key"?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["WorkflowRunRequest"];
                };
            };
            responses: {
                /** @description The run as it stands: started, or the run the key already started */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowRunOutcome"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/runs/{runId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Retry a run: a failed run runs again from its failed step (once per failed run); a run a crash left running (no progress for WORKFLOW_STALE_AFTER_MS) is taken over and carried on from its first unfinished step */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    runId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The run that retries it, as it stands; it runs in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowRunOutcome"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/workflows/{id}/webhook-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether a workflow's webhook has a secret, when it was made, and a replaced one's grace (never a secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The state of the secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSecretState"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Create or rotate a workflow's webhook secret (owner); the answer holds the secret, once. A replaced secret keeps verifying for graceSeconds */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": components["schemas"]["WebhookSecretRequest"];
                };
            };
            responses: {
                /** @description The new secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSecretCreated"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Revoke a workflow's webhook secret (owner), and a replaced one in its grace: every delivery is refused */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookSecretRevoked"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a workflow run from a signed webhook, with input; each delivery id starts at most one run
         * @description Signed with the secret from POST /api/workflows/{id}/webhook-secret: X-Empire-Signature is `sha256=` and the hex HMAC-SHA256 of `<X-Empire-Timestamp>.<raw body>`; the timestamp (Unix seconds) must be within 5 minutes of the server clock. X-Empire-Delivery (8-100 of A-Z a-z 0-9 _ -) names the run: the same delivery id answers with the same run, never a second one. The body is `{ "input": {...} }` (or empty), checked against the workflow's input schema. The run belongs to the owner.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description This delivery id already started a run: that run, as it stands */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowRunOutcome"];
                    };
                };
                /** @description The run started; it runs in the background */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WorkflowRunOutcome"];
                    };
                };
                400: components["responses"]["Error400"];
                /** @description Missing, stale or wrong signature */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error403"];
                /** @description No such workflow, or it has no webhook secret */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description This signed request was already delivered under another delivery id */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sweep": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Run the sweep now (it also runs on every cron tick): workflow runs a crash left running with no progress for WORKFLOW_STALE_AFTER_MS are carried on from their first unfinished step (or failed, past WORKFLOW_MAX_RESUMES); deferred calls that are due and fit under their cap run once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the sweep resumed, failed and woke */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SweepReport"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads as CSV; cells that would start a spreadsheet formula are prefixed with an apostrophe */
        get: {
            parameters: {
                query?: {
                    status?: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
                    source?: string;
                    minScore?: number | null;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The leads, one per row, with a header row */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/csv": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import leads from CSV with a header row (name and email required), at most 5000 rows of 8 KB
         * @description Valid rows are kept; each bad row is reported by its row number (the header is row 1).
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "text/csv": string;
                };
            };
            responses: {
                /** @description Created rows and per-row errors */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ImportSummary"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Leads, newest first, filtered by status, source and minimum score */
        get: {
            parameters: {
                query?: {
                    status?: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
                    source?: string;
                    minScore?: number | null;
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of leads with nextCursor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadPage"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Create a lead; it is scored at once. A known email (any case) answers 409 with the existing id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @description Email address; unique ignoring case */
                        email: string;
                        company?: string | null;
                        /** @description Job title; authority is read from it when no role or level is given */
                        title?: string | null;
                        /** @description Where the lead came from, e.g. referral, website, linkedin */
                        source?: string | null;
                        notes?: string | null;
                        /**
                         * @default new
                         * @enum {string}
                         */
                        status?: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
                        /** @description In budgetCurrency */
                        budgetAmount?: number | null;
                        /**
                         * @default EUR
                         * @enum {string}
                         */
                        budgetCurrency?: "EUR" | "USD" | "GBP" | "CHF";
                        /** @description The contact's role in the buying decision, e.g. CEO */
                        authorityRole?: string | null;
                        /** @enum {string|null} */
                        authorityLevel?: "decision_maker" | "influencer" | "user" | "gatekeeper" | null;
                        needDescription?: string | null;
                        /** @description 1 nice to have … 5 costly, urgent problem */
                        painLevel?: number | null;
                        /** @description Days until the project would start */
                        timelineDays?: number | null;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD; wins over timelineDays
                         */
                        targetDate?: string | null;
                    };
                };
            };
            responses: {
                /** @description The lead */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/pipeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lead counts by status and the best-scored open leads */
        get: {
            parameters: {
                query?: {
                    top?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Counts by status, total and the top open leads */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Pipeline"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Full-text search, best match first; the text is matched literally, never as query syntax */
        get: {
            parameters: {
                query: {
                    /** @description Words to find in name, company, email, title, need and notes; all must occur */
                    q: string;
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of hits with nextCursor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadHitPage"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead with its BANT breakdown and recent events */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadWithEvents"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Change some fields; a status may only move forward or to lost, and BANT changes rescore */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @description Email address; unique ignoring case */
                        email?: string;
                        company?: string | null;
                        /** @description Job title; authority is read from it when no role or level is given */
                        title?: string | null;
                        /** @description Where the lead came from, e.g. referral, website, linkedin */
                        source?: string | null;
                        notes?: string | null;
                        /** @enum {string} */
                        status?: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
                        /** @description In budgetCurrency */
                        budgetAmount?: number | null;
                        /** @enum {string} */
                        budgetCurrency?: "EUR" | "USD" | "GBP" | "CHF";
                        /** @description The contact's role in the buying decision, e.g. CEO */
                        authorityRole?: string | null;
                        /** @enum {string|null} */
                        authorityLevel?: "decision_maker" | "influencer" | "user" | "gatekeeper" | null;
                        needDescription?: string | null;
                        /** @description 1 nice to have … 5 costly, urgent problem */
                        painLevel?: number | null;
                        /** @description Days until the project would start */
                        timelineDays?: number | null;
                        /**
                         * Format: date
                         * @description YYYY-MM-DD; wins over timelineDays
                         */
                        targetDate?: string | null;
                    };
                };
            };
            responses: {
                /** @description The lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Erase a lead from every store (owner); its address is kept only as a hash, never mailed again */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What was removed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadErasure"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/{id}/score": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recalculate the BANT score (a target date moves closer every day); kept in the score history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Lead"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/{id}/enrich": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Let the LLM fill missing BANT inputs from the notes (validated before saving), then rescore */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead and what the model filled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrichedLead"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/{id}/outreach": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an outreach (email, call, meeting …) in the lead history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel: "email" | "phone" | "linkedin" | "meeting" | "other";
                        summary: string;
                        /**
                         * Format: date-time
                         * @description When it happened; default now
                         */
                        at?: string;
                    };
                };
            };
            responses: {
                /** @description The event */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadEvent"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/crm/leads/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held on a lead, in every store, for an access request (owner) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The lead and all its records */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadDataExport"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every segment with its rules */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The segments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SegmentList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Create a segment: rules on score, source, industry keywords, company and pipeline status */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        rules: {
                            /** @description BANT score at least this */
                            minScore?: number;
                            maxScore?: number;
                            /** @description Lead sources, e.g. ['x', 'referral'] */
                            sources?: string[];
                            /** @description Keywords for the industry */
                            industries?: string[];
                            /** @description Parts of the company name */
                            companies?: string[];
                            /** @description Pipeline statuses; default every status except won and lost */
                            statuses?: ("new" | "contacted" | "qualified" | "proposal" | "won" | "lost")[];
                        };
                    };
                };
            };
            responses: {
                /** @description The segment */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment and how many leads it holds now */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The segment with its size */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SegmentWithSize"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Rename a segment or replace its rules */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        rules?: {
                            /** @description BANT score at least this */
                            minScore?: number;
                            maxScore?: number;
                            /** @description Lead sources, e.g. ['x', 'referral'] */
                            sources?: string[];
                            /** @description Keywords for the industry */
                            industries?: string[];
                            /** @description Parts of the company name */
                            companies?: string[];
                            /** @description Pipeline statuses; default every status except won and lost */
                            statuses?: ("new" | "contacted" | "qualified" | "proposal" | "won" | "lost")[];
                        };
                    };
                };
            };
            responses: {
                /** @description The segment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Segment"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Delete a segment no sequence uses */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/segments/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Preview the leads the segment holds now, best score first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Leads and the total */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SegmentMembers"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sequences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every email sequence */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sequences */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SequenceList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /**
         * Create a sequence for a segment: ordered steps, each a delay after the previous one and a template
         * @description Templates may use {{name}}, {{firstName}}, {{company}}, {{title}}, {{personalisation}} and {{unsubscribeUrl}}.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** Format: uuid */
                        segmentId: string;
                        /**
                         * @default active
                         * @enum {string}
                         */
                        status?: "active" | "paused";
                        steps: {
                            /** @description Hours after the previous step (after enrolment for the first) */
                            delayHours?: number;
                            /** @description Days after the previous step; added to delayHours */
                            delayDays?: number;
                            subject: string;
                            /** @description Plain text; the unsubscribe link is always appended */
                            body: string;
                            /** @description An instruction for one personalised opening line, written by the model from the lead data */
                            personalise?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description The sequence */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sequence"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sequences/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A sequence */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The sequence */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sequence"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Rename, pause or resume a sequence, or replace its steps (enrolled leads keep their place) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name?: string;
                        /** @enum {string} */
                        status?: "active" | "paused";
                        steps?: {
                            /** @description Hours after the previous step (after enrolment for the first) */
                            delayHours?: number;
                            /** @description Days after the previous step; added to delayHours */
                            delayDays?: number;
                            subject: string;
                            /** @description Plain text; the unsubscribe link is always appended */
                            body: string;
                            /** @description An instruction for one personalised opening line, written by the model from the lead data */
                            personalise?: string;
                        }[];
                    };
                };
            };
            responses: {
                /** @description The sequence */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Sequence"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Delete a sequence and its enrolments; the send history stays */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sequences/{id}/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enrol leads: named ones, or every matching lead of the segment. A lead is in a sequence once; unsubscribed addresses never */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description These leads; default every matching lead of the segment */
                        leadIds?: string[];
                    };
                };
            };
            responses: {
                /** @description What happened to each lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrolResult"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sequences/{id}/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The leads in a sequence with their status and next step */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Enrolments */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EnrolmentList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sequences/{id}/leads/{leadId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Set a lead's status in a sequence (e.g. replied stops further steps); an unsubscribe cannot be undone */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    leadId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "active" | "replied" | "bounced" | "completed";
                    };
                };
            };
            responses: {
                /** @description The enrolment */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Enrolment"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/leads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A lead's sequences and the emails it was sent */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Enrolments and sends */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LeadSales"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/sends": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sent emails, newest first, by sequence or lead */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    sequenceId?: string;
                    leadId?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Sends */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SendList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/u/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Unsubscribe the address the link was sent to, for good; no login, safe to repeat */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A confirmation page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                /** @description Unknown link: a page for browsers (Accept: text/html), the JSON error otherwise */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** One-click unsubscribe (RFC 8058), as mail clients send it from the List-Unsubscribe header */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A confirmation page */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                /** @description Unknown link: a page for browsers (Accept: text/html), the JSON error otherwise */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/knowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The BMA checklist items and norms, ranked by meaning (or keywords without memory) when q is given */
        get: {
            parameters: {
                query?: {
                    /** @description Ranks items by meaning through long-term memory (by keywords without it); without q every item is listed */
                    q?: string;
                    category?: "planning" | "design" | "detectors" | "alarm_organisation" | "maintenance" | "operation" | "documentation";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Items (with a score when searched) and the norms */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BmaKnowledge"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/audits": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Audit a site: the checklist that applies to it, the findings mapped onto it, and optimisation suggestions */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        site: {
                            name: string;
                            /** @enum {string} */
                            type: "office" | "hotel" | "hospital" | "care_home" | "school" | "assembly" | "retail" | "industrial" | "warehouse" | "data_centre" | "residential" | "other";
                            address?: string;
                            /** @description Gross floor area in m² */
                            areaM2: number;
                            floors: number;
                            occupants?: number;
                            /** @description People sleep there (defaults from the site type) */
                            sleepingOccupants?: boolean;
                            /**
                             * @description Alarms go to the fire brigade
                             * @default false
                             */
                            connectedToFireBrigade?: boolean;
                        };
                        /** @default [] */
                        findings?: {
                            /** @description What was found, in plain words */
                            text: string;
                            /** @description The checklist item it concerns, when known */
                            itemId?: string;
                            location?: string;
                            /**
                             * @description Overrides the item's severity
                             * @enum {string}
                             */
                            severity?: "critical" | "major" | "minor";
                        }[];
                        customer?: string;
                        /** Format: uuid */
                        engagementId?: string;
                        /**
                         * @description llm: the summary is worded by the model (rules are the fallback)
                         * @default rules
                         * @enum {string}
                         */
                        wording?: "rules" | "llm";
                    };
                };
            };
            responses: {
                /** @description The audit with its checklist, mapped findings and suggestions */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["NewBmaAudit"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/audits/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An audit */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The audit */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BmaAudit"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/audits/{id}/report.md": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit report as markdown */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/markdown": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/audits/{id}/report.html": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit report as print-ready HTML (A4 print stylesheet) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "text/html": string;
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/engagements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consulting engagements, newest first */
        get: {
            parameters: {
                query?: {
                    status?: "proposed" | "active" | "completed" | "invoiced" | "paid" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Engagements */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EngagementList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        /** Record an engagement: customer, site, fee in micro-units */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customer: string;
                        site: string;
                        description?: string;
                        /** @description Fee in micro-units (1 EUR = 1,000,000) */
                        feeMicros: number;
                        /** @default EUR */
                        currency?: string;
                        /**
                         * @default proposed
                         * @enum {string}
                         */
                        status?: "proposed" | "active";
                    };
                };
            };
            responses: {
                /** @description The engagement */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Engagement"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/engagements/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Consulting revenue: paid in the window, open invoices and pipeline, per currency in micro-units */
        get: {
            parameters: {
                query: {
                    /** @description Start of the window (inclusive) */
                    from: string;
                    /** @description End of the window (exclusive) */
                    to: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revenue figures */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConsultingRevenue"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bma/engagements/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An engagement */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The engagement */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Engagement"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        /** Change an engagement; status moves forward only: proposed, active, completed, invoiced, paid (or cancelled) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customer?: string;
                        site?: string;
                        description?: string;
                        /** @description Fee in micro-units (1 EUR = 1,000,000) */
                        feeMicros?: number;
                        /** @enum {string} */
                        status?: "proposed" | "active" | "completed" | "invoiced" | "paid" | "cancelled";
                    };
                };
            };
            responses: {
                /** @description The engagement */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Engagement"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        post?: never;
        /** Delete a proposed or cancelled engagement */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/telegram/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Telegram Bot API webhook: commands from allow-listed chats, each update handled once
         * @description Requires the secret token given to setWebhook. Answers 200 at once; the command runs afterwards and its answer is sent with sendMessage.
         */
        post: {
            parameters: {
                query?: never;
                header?: {
                    "x-telegram-bot-api-secret-token"?: string;
                };
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Accepted (or ignored: unknown chat, not a command, already handled) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description The body is not a Telegram update; details list each problem */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Missing or wrong secret token */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/github": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * GitHub webhook: `/empire <command>` in a new issue or comment runs a command and answers as a comment
         * @description Signed with X-Hub-Signature-256 over the raw body; each X-GitHub-Delivery is handled once. Only allow-listed logins may command.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Verified, nothing to run (not a command, or the login may not command) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GithubDelivery"];
                    };
                };
                /** @description Verified; the command runs and its answer is posted as a comment */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GithubDelivery"];
                    };
                };
                400: components["responses"]["Error400"];
                /** @description Missing or wrong signature */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                /** @description This delivery was already handled */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/email/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resend e-mail events: delivered, opened, clicked, bounced and complained, counted per newsletter and sales e-mail
         * @description Signed by Svix (svix-id, svix-timestamp, svix-signature) with RESEND_WEBHOOK_SECRET over the raw body. A timestamp more than 5 minutes off is refused; a repeated svix-id answers 200 and counts nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Verified; new events counted, repeated ones recognised */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailWebhookResult"];
                    };
                };
                400: components["responses"]["Error400"];
                /** @description Missing or wrong signature, or a timestamp more than 5 minutes off */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error403"];
                /** @description This provider’s webhook is not configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/email/sendgrid": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * SendGrid e-mail events: delivered, open, click, bounce and spamreport, counted per newsletter and sales e-mail
         * @description The Signed Event Webhook: an ECDSA P-256 signature (X-Twilio-Email-Event-Webhook-Signature) over X-Twilio-Email-Event-Webhook-Timestamp and the raw body, checked with SENDGRID_WEBHOOK_PUBLIC_KEY. A timestamp more than 5 minutes off is refused; events whose sg_event_id was seen answer 200 and count nothing.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Verified; new events counted, repeated ones recognised */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EmailWebhookResult"];
                    };
                };
                400: components["responses"]["Error400"];
                /** @description Missing or wrong signature, or a timestamp more than 5 minutes off */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                403: components["responses"]["Error403"];
                /** @description This provider’s webhook is not configured */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first (owner only): every state-changing call and every agent action
         * @description Actors are shown by client id and key prefix only; details are redacted. The OpenAI-compatible gateway is in /api/spend, not here.
         */
        get: {
            parameters: {
                query?: {
                    /** @description A client id (key-…, dev-owner, telegram, an agent) or a key prefix (emp_…) */
                    actor?: string;
                    /** @description An exact action (`POST /api/crm/leads/:id`, `agent.turn`) or a prefix ending in `*` (`agent.*`) */
                    action?: string;
                    /** @description A target type (`leads`) or `type:id` */
                    target?: string;
                    /** @description Entries at or after this UTC time */
                    from?: string;
                    /** @description Entries before this UTC time */
                    to?: string;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of entries with nextCursor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/memory": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Store a gold nugget; the same text from the same source again answers the stored one (200) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The lesson, pattern or rule itself */
                        text: string;
                        /** @enum {string} */
                        kind: "lesson" | "pattern" | "rule";
                        /** @description Who learnt it, e.g. agent:ceo or workflow:weekly_review; default api:<your client id> */
                        source?: string;
                        /**
                         * @description Up to 10 short labels
                         * @default []
                         */
                        tags?: string[];
                    };
                };
            };
            responses: {
                /** @description The nugget already stored */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredNugget"];
                    };
                };
                /** @description The stored nugget */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StoredNugget"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/memory/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The nuggets nearest in meaning to q, nearest first; each one returned counts as used */
        get: {
            parameters: {
                query: {
                    /** @description What to recall, in plain words */
                    q: string;
                    /** @description How many nuggets, 1-20 */
                    k?: number;
                    kind?: "lesson" | "pattern" | "rule";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Results with distance (cosine, 0 = same) and score (1 - distance) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MemorySearch"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/gold-nuggets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Lessons, patterns and rules from long-term memory: the latest and the most used, by kind or tag */
        get: {
            parameters: {
                query?: {
                    /** @description Nuggets per list, 1-50 */
                    limit?: number;
                    /** @description Only nuggets of this kind */
                    kind?: "lesson" | "pattern" | "rule";
                    /** @description Only nuggets carrying this tag, e.g. learning */
                    tag?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description latest (newest first) and mostUsed (used at least once, most first) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GoldNuggets"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/insights": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The patterns the last learning run found, with the figures behind them */
        get: {
            parameters: {
                query?: {
                    /** @description Only content or only sales patterns */
                    area?: "content" | "sales";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description By area, dimension and key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InsightList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Content items (one channel variant each), newest first, filtered by status, channel or idea */
        get: {
            parameters: {
                query?: {
                    status?: "draft" | "approved" | "scheduled" | "published" | "failed" | "rejected";
                    channel?: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
                    ideaId?: string;
                    limit?: number;
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of items with nextCursor */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentPage"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One item with its publication record and history */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentItemWithEvents"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a draft: it takes the next free posting slot of its channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The scheduled item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentItem"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject an item that is not published yet; it is never posted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description The rejected item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentItem"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Move a scheduled or failed item to a given time or to the next free slot after now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * Format: date-time
                         * @description An exact time; default the next free slot
                         */
                        at?: string;
                    };
                };
            };
            responses: {
                /** @description The rescheduled item */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentItem"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/published": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What was published, newest first, with remote ids; dry runs say dryRun and have none */
        get: {
            parameters: {
                query?: {
                    /** @description Default 7 days ago */
                    from?: string;
                    /** @description Default now */
                    to?: string;
                    channel?: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Published items */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Published"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/items/{id}/engagement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** What one published item earned: X metrics (latest and every reading) and e-mail events */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The item’s engagement (zeros before any) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ItemEngagement"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/engagement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Engagement of everything that went out in a window, by channel, format, idea or posting hour
         * @description Publications (X, newsletter) and sales e-mails (channel `sales_email`; their idea is the sequence), counted by when they went out.
         */
        get: {
            parameters: {
                query?: {
                    /** @description Went out at or after; default 30 days ago */
                    from?: string;
                    /** @description Went out before; default now */
                    to?: string;
                    groupBy?: "channel" | "format" | "idea" | "slot";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One line per group */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["EngagementSummary"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve many drafts: each takes the next free slot of its channel within its daily cap
         * @description Answers 200 with one result per id, in the order given: the slot taken (scheduledFor), or why that id was not approved.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Item ids, at most 50; handled in this order */
                        ids: string[];
                    };
                };
            };
            responses: {
                /** @description One result per id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentDecisions"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject many drafts; a rejected item is never posted */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Item ids, at most 50; handled in this order */
                        ids: string[];
                        reason?: string;
                    };
                };
            };
            responses: {
                /** @description One result per id */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentDecisions"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/ideas": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an idea by hand, optionally with hand-written drafts per channel */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        topic: string;
                        brief?: string;
                        /** @description Hand-written drafts, checked against each channel’s rules */
                        variants?: {
                            /** @description { text } (threaded when over 280) or { posts: [...] } */
                            x?: unknown;
                            /** @description { text }, at most 3,000 characters */
                            linkedin?: unknown;
                            /** @description { title, markdown, slug? } */
                            blog?: unknown;
                            /** @description { subject, markdown } */
                            newsletter?: unknown;
                            /** @description { text }, at most 2,000 characters */
                            discord?: unknown;
                            /** @description { title, text }: a self post, title at most 300 characters */
                            reddit?: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description The idea and its drafts */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentIdea"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/ideas/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An idea with its channel variants */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The idea */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ContentIdea"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/content/ideas/{id}/generate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Let the Mouth agent write the idea’s channel variants; each is checked against its channel’s rules
         * @description Drafts are replaced; an approved or later variant is kept as it is.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: {
                content: {
                    "application/json": {
                        /**
                         * @default [
                         *       "x",
                         *       "linkedin",
                         *       "blog",
                         *       "newsletter",
                         *       "discord",
                         *       "reddit"
                         *     ]
                         */
                        channels?: ("x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit")[];
                    };
                };
            };
            responses: {
                /** @description The drafts and the channels whose text was refused */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GeneratedVariants"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                402: components["responses"]["Error402"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                502: components["responses"]["Error502"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/gumroad/{secret}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Gumroad sale ping: each sale stored once; a refunded ping marks its sale refunded
         * @description Gumroad signs nothing, so the ping URL carries a secret (compared in constant time) and the ping must name the configured seller_id. Form-encoded or JSON. A replayed sale_id answers 200 and stores nothing, so Gumroad stops retrying.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    secret: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Recorded, already recorded, or marked refunded */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["GumroadPingResult"];
                    };
                };
                400: components["responses"]["Error400"];
                /** @description Wrong secret in the URL */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description The ping names another seller */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/revenue/unmatched": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Paid sales no lead is matched to (no buyer e-mail, or one no lead has), newest first */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The unmatched sales */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UnmatchedSales"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/revenue/{saleId}/link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Link a sale to the lead who bought: the lead is moved to won and the sale counts as the lead's conversion
         * @description Linking again to the same lead changes nothing (200, changed: false). A sale linked to another lead is refused (409) unless relink is true. Refunded sales are not linked.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    saleId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The lead who bought */
                        leadId: string;
                        /**
                         * @description Move a sale already linked to another lead
                         * @default false
                         */
                        relink?: boolean;
                    };
                };
            };
            responses: {
                /** @description Linked, or already linked to this lead */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["LinkResult"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                /** @description No such sale or lead */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description Linked to another lead, or refunded */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/sales/conversions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Conversion rates by segment, lead source and sequence, for paid sales made between from and to
         * @description A conversion is a paid (not refunded) sale matched to a lead, credited to the segments, source and sequences the lead had when it was matched. Rates count distinct leads.
         */
        get: {
            parameters: {
                query?: {
                    /** @description ISO date or datetime; default 30 days before to */
                    from?: string;
                    /** @description ISO date or datetime, exclusive; default now */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The rates (amounts in micro-units) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ConversionReport"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/revenue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Revenue between from and to: totals per currency, by source and product, refunds */
        get: {
            parameters: {
                query?: {
                    /** @description ISO date or datetime; default 7 days before to */
                    from?: string;
                    /** @description ISO date or datetime, exclusive; default now */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Summary (amounts in micro-units) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RevenueSummary"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/revenue/{source}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record an order that no webhook reports (a Fiverr order, a consulting fee); once per order id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    source: "fiverr" | "consulting";
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orderId: string;
                        /** @description In currency, e.g. 150.5 */
                        amount: number;
                        currency: string;
                        /** @description The gig or service sold */
                        product: string;
                        /** Format: email */
                        buyerEmail?: string;
                        /**
                         * Format: date-time
                         * @description When the order was paid; default now
                         */
                        at?: string;
                        /** @description The lead who bought; without it the order is matched by buyerEmail, or waits to be linked */
                        leadId?: string;
                    };
                };
            };
            responses: {
                /** @description Recorded */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RecordedOrder"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                /** @description No lead with this leadId (nothing is recorded) */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                /** @description This order is already recorded */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Finished backups, newest first, with their manifests (tables, rows, sha-256, migrations) */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Backups */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BackupList"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                409: components["responses"]["Error409"];
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backups/{id}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Restore a backup into an empty D1 database, a fresh Postgres schema, the Durable Objects and Chroma
         * @description Every object is checked against its sha-256 first. D1, Postgres and Chroma targets must be empty or new: a restore never overwrites rows there. durableObjects replaces the live objects' state (a Durable Object dump of a schema version this code does not know is refused). DB_RESTORE is the D1 binding declared for restores.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A D1 binding of this Worker holding an empty database; DB_RESTORE is declared for this */
                        d1Binding?: string;
                        /** @description A new schema (created) or an empty migrated one, in DATABASE_URL */
                        postgresSchema?: string;
                        /** @description true replaces the live budget ledger, agents and unfinished swarm runs with the backup, and resumes them */
                        durableObjects?: boolean;
                        /** @description Each Chroma collection comes back as a new collection named prefix + its name */
                        chromaPrefix?: string;
                    };
                };
            };
            responses: {
                /** @description Rows restored per table */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RestoreResult"];
                    };
                };
                400: components["responses"]["Error400"];
                401: components["responses"]["Error401"];
                403: components["responses"]["Error403"];
                404: components["responses"]["Error404"];
                /** @description A target is not empty, the backup is damaged, or of an unknown schema version */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Error"];
                    };
                };
                413: components["responses"]["Error413"];
                415: components["responses"]["Error415"];
                422: components["responses"]["Error422"];
                429: components["responses"]["Error429"];
                500: components["responses"]["Error500"];
                503: components["responses"]["Error503"];
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Error: {
            error: {
                /**
                 * @description Stable; each code maps to exactly one status
                 * @enum {string}
                 */
                code: "invalid_request" | "malformed_json" | "unauthorized" | "over_budget" | "forbidden" | "not_found" | "method_not_allowed" | "conflict" | "idempotency_in_progress" | "payload_too_large" | "unsupported_media_type" | "no_route" | "idempotency_key_reused" | "rate_limited" | "internal" | "config_invalid" | "upstream_error" | "unavailable" | "memory_unavailable";
                /** @description For people; may change */
                message: string;
                /** @description The X-Request-Id of the request, for the logs */
                requestId: string;
                /** @description Extra facts for this code, e.g. the validation issues */
                details?: unknown;
                /** @description On /v1/*: OpenAI's error type, e.g. invalid_request_error */
                type?: string;
                /** @description On /v1/*: the request parameter the error is about */
                param?: string | null;
            };
        };
        Welcome: {
            name: string;
            version: string;
            environment: string;
            /** @description Where to go next, by name */
            links: {
                [key: string]: string;
            };
        };
        HealthReport: {
            /** @enum {string} */
            status: "ok" | "degraded" | "down";
            environment: string;
            version: string;
            /** @description UTC ISO time of the check */
            checkedAt: string;
            checks: components["schemas"]["HealthCheck"][];
        };
        HealthCheck: {
            name: string;
            /** @enum {string} */
            status: "ok" | "degraded" | "down" | "not_configured";
            latencyMs: number;
            /** @description A core check failing makes the whole Worker unhealthy (503) */
            core: boolean;
            detail?: string;
            /** @description The dependency answered from a local fake, not a real service */
            fake?: boolean;
        };
        TokenResponse: {
            token: string;
            /** @enum {string} */
            tokenType: "Bearer";
            /** @description UTC ISO time; tokens live 24 hours */
            expiresAt: string;
            /** @enum {string} */
            role: "owner" | "operator" | "readonly";
        };
        TokenRequest: {
            /** @description An emp_... API key */
            apiKey: string;
        };
        NewApiKey: {
            key: components["schemas"]["ApiKey"];
            /** @description The API key itself; shown only in this answer */
            secret: string;
        };
        ApiKey: {
            /** Format: uuid */
            id: string;
            label: string;
            /** @description The first characters of the key, safe to show */
            prefix: string;
            /** @enum {string} */
            role: "owner" | "operator" | "readonly";
            /** @description The client the key speaks for: its budget scope; kept across rotations */
            clientId: string;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
            /** @description UTC ISO time */
            createdAt: string;
            /** @description Last authenticated use, to within a minute */
            lastUsedAt: string | null;
            /** @description UTC ISO time */
            expiresAt: string | null;
            /** @description UTC ISO time */
            revokedAt: string | null;
            /**
             * Format: uuid
             * @description The key that replaced this one by rotation
             */
            replacedBy: string | null;
            /** @description Models the key may call; null allows all */
            allowedModels: string[] | null;
            ageDays: number;
            /** @description Active and older than 90 days */
            rotationDue: boolean;
        };
        NewApiKeyRequest: {
            /** @description Who or what holds the key */
            name: string;
            /** @enum {string} */
            role: "owner" | "operator" | "readonly";
            /**
             * Format: date-time
             * @description When the key stops; default never
             */
            expiresAt?: string;
            /** @description Caps on this key's client scope, per day and per month */
            budget?: {
                day?: number;
                month?: number;
                /**
                 * @default budget
                 * @enum {string}
                 */
                currency: "USD" | "budget";
            };
            /** @description Models the key may call */
            models?: string[];
        };
        ApiKeyList: {
            items: components["schemas"]["ApiKey"][];
        };
        RotatedApiKey: components["schemas"]["NewApiKey"] & {
            previous: components["schemas"]["ApiKey"] & unknown;
        };
        BrainList: {
            brains: components["schemas"]["Brain"][];
        };
        Brain: {
            /** @enum {string} */
            id: "visionary" | "ceo" | "mouth" | "numbers" | "drive" | "hands" | "memory";
            name: string;
            alias: string;
            role: string;
            taskClass: string;
            output: string;
            /** @enum {string} */
            status: "idle" | "working" | "paused" | "error";
            currentTask: {
                actionId: string;
                summary: string;
            } | null;
            counters: {
                tasks: number;
                tokensIn: number;
                tokensOut: number;
                costMicros: number;
            };
            lastError: string | null;
            /** @description UTC ISO time */
            updatedAt: string;
        };
        ActionAccepted: {
            id: string;
            /** @enum {string} */
            action: "ask" | "decide" | "brainstorm" | "run-task" | "pause" | "resume";
            /** @enum {string} */
            status: "queued" | "done";
            /** @description The agents that work on it; none for run-task */
            agents?: string[];
            agent?: components["schemas"]["AgentSnapshot"];
            /** @description Where to follow a queued action or run */
            href?: string;
            /** @description run-task: the swarm run */
            runId?: string;
            /** @description run-task: the number of jobs */
            total?: number;
        };
        /** @description pause and resume: the agent as it is now */
        AgentSnapshot: {
            /** @enum {string} */
            agent: "visionary" | "ceo" | "mouth" | "numbers" | "drive" | "hands" | "memory";
            /** @enum {string} */
            status: "idle" | "working" | "paused" | "error";
            currentTask: {
                actionId: string;
                summary: string;
            } | null;
            counters: {
                tasks: number;
                tokensIn: number;
                tokensOut: number;
                costMicros: number;
            };
            recent: {
                /** @enum {string} */
                role: "user" | "assistant";
                content: string;
                at: number;
            }[];
            lastError: string | null;
            /** @description Epoch ms */
            updatedAt: number;
        };
        ActionRequest: {
            /** @enum {string} */
            action: "ask" | "decide" | "brainstorm" | "run-task" | "pause" | "resume";
            /**
             * @description The question, topic or decision; treated as data, never as instructions
             * @default
             */
            input: string;
            /**
             * @description low runs one model class cheaper; high adds voices
             * @default normal
             * @enum {string}
             */
            priority: "low" | "normal" | "high";
            /**
             * @description Which brain; ask picks one by the input when omitted
             * @enum {string}
             */
            agent?: "visionary" | "ceo" | "mouth" | "numbers" | "drive" | "hands" | "memory";
            /** @description run-task: the task inputs (input names the task) */
            inputs?: {
                [key: string]: unknown;
            };
        };
        Action: {
            /** Format: uuid */
            id: string;
            action: string;
            input: string;
            priority: string;
            agents: string[];
            /** @enum {string} */
            status: "queued" | "running" | "done" | "failed";
            /** Format: uuid */
            conversationId: string | null;
            result: string | null;
            error: string | null;
            costMicros: number;
            /** @description UTC ISO time */
            createdAt: string;
            /** @description UTC ISO time */
            updatedAt: string;
        };
        ChatCompletion: {
            id: string;
            /** @enum {string} */
            object: "chat.completion";
            /** @description Epoch seconds */
            created: number;
            model: string;
            choices: {
                index: number;
                message: {
                    /** @enum {string} */
                    role: "assistant";
                    /** @description null when the model only calls tools */
                    content: string | null;
                    tool_calls?: {
                        id: string;
                        /** @enum {string} */
                        type: "function";
                        function: {
                            name: string;
                            /** @description The arguments as JSON text */
                            arguments: string;
                        };
                    }[];
                };
                /** @enum {string} */
                finish_reason: "stop" | "length" | "tool_calls";
            }[];
            usage: {
                prompt_tokens: number;
                completion_tokens: number;
                total_tokens: number;
            };
            /** @description The router's own facts about the call */
            empire: {
                provider: string;
                cost_micros: number;
                cached: boolean;
                fake: boolean;
                latency_ms: number;
            };
        };
        ChatCompletionRequest: {
            /** @description A catalogue id or provider model id, or auto / auto:simple / auto:research / auto:strategic */
            model: string;
            messages: ({
                /** @enum {string} */
                role: "system";
                content: string | {
                    /** @enum {string} */
                    type: "text";
                    text: string;
                }[];
                name?: string;
            } | {
                /** @enum {string} */
                role: "developer";
                content: string | {
                    /** @enum {string} */
                    type: "text";
                    text: string;
                }[];
                name?: string;
            } | {
                /** @enum {string} */
                role: "user";
                content: string | ({
                    /** @enum {string} */
                    type: "text";
                    text: string;
                } | {
                    /** @enum {string} */
                    type: "image_url";
                    image_url: {
                        /** @description An https URL, or a data URL: data:image/png|jpeg|gif|webp;base64,... */
                        url: string;
                        /** @enum {string} */
                        detail?: "auto" | "low" | "high";
                    };
                })[];
                name?: string;
            } | {
                /** @enum {string} */
                role: "assistant";
                content?: string | {
                    /** @enum {string} */
                    type: "text";
                    text: string;
                }[] | null;
                name?: string;
                tool_calls?: {
                    id: string;
                    /** @enum {string} */
                    type: "function";
                    function: {
                        name: string;
                        arguments: string;
                    };
                }[];
            } | {
                /** @enum {string} */
                role: "tool";
                content: string | {
                    /** @enum {string} */
                    type: "text";
                    text: string;
                }[];
                tool_call_id: string;
            })[];
            max_tokens?: number | null;
            max_completion_tokens?: number | null;
            temperature?: number | null;
            top_p?: number | null;
            seed?: number | null;
            stop?: string | string[] | null;
            presence_penalty?: number | null;
            frequency_penalty?: number | null;
            logit_bias?: {
                [key: string]: number;
            } | null;
            /** @description Only 1: the gateway answers with one choice */
            n?: number | null;
            /** @description Not supported: true is refused */
            logprobs?: boolean | null;
            /** @description Not supported: refused */
            top_logprobs?: number | null;
            stream?: boolean | null;
            stream_options?: {
                include_usage?: boolean;
                include_obfuscation?: boolean;
            } | null;
            response_format?: {
                /** @enum {string} */
                type: "text";
            } | {
                /** @enum {string} */
                type: "json_object";
            } | {
                /** @enum {string} */
                type: "json_schema";
                json_schema: {
                    name: string;
                    description?: string;
                    schema?: {
                        [key: string]: unknown;
                    };
                    strict?: boolean | null;
                };
            };
            tools?: {
                /** @enum {string} */
                type: "function";
                function: {
                    name: string;
                    description?: string;
                    /** @description JSON Schema of the arguments */
                    parameters?: {
                        [key: string]: unknown;
                    };
                    strict?: boolean | null;
                };
            }[];
            tool_choice?: ("auto" | "none" | "required") | {
                /** @enum {string} */
                type: "function";
                function: {
                    name: string;
                };
            };
            parallel_tool_calls?: boolean | null;
            /** @description The end user: sent on, and recorded on the ledger */
            user?: string;
            /** @description Up to 16 string pairs (keys up to 64 characters, values up to 512), recorded on the ledger */
            metadata?: {
                [key: string]: string;
            } | null;
        };
        ModelList: {
            /** @enum {string} */
            object: "list";
            data: {
                id: string;
                /** @enum {string} */
                object: "model";
                created: number;
                owned_by: string;
                display_name?: string;
                /** @description What the model is for (simple, research, strategic, json, code, reasoning, local, …) */
                capabilities?: string[];
                /** @description Tokens in and out together */
                context_window?: number;
                /** @description Most output tokens a call may ask for */
                max_output?: number;
                input_micros_per_million?: number;
                output_micros_per_million?: number;
            }[];
        };
        CatalogueModelList: {
            models: components["schemas"]["CatalogueModel"][];
            /** @description How long another isolate may still route on its copy from before a write */
            cacheSeconds: number;
        };
        CatalogueModel: {
            /** @description `provider/model`, the id used in policies and the gateway */
            id: string;
            provider: string;
            /** @description The provider's own model id */
            modelId: string;
            displayName: string;
            /** @description Integer micro-USD per million input tokens */
            inputMicrosPerMillion: number;
            /** @description Integer micro-USD per million output tokens */
            outputMicrosPerMillion: number;
            contextWindow: number;
            maxOutput: number;
            capabilities: string[];
            active: boolean;
        };
        ConfiguredProviderList: {
            providers: components["schemas"]["ConfiguredProvider"][];
        };
        ConfiguredProvider: {
            id: string;
            displayName: string;
            baseUrl: string;
            /** @description The name of the secret holding the key, never its value */
            apiKeySecret: string | null;
            /** @description Header name -> secret name */
            headerSecrets: {
                [key: string]: string;
            };
            behindAccess: boolean;
            /** @enum {string} */
            maxTokensField: "max_tokens" | "max_completion_tokens";
            unsupportedParameters: ("seed" | "logit_bias" | "presence_penalty" | "frequency_penalty" | "parallel_tool_calls")[];
            jsonSchema: boolean;
            /** @description Every secret it names is set in this deployment */
            configured: boolean;
            /** @description Secrets to set with `wrangler secret put` before it can be called */
            missingSecrets: string[];
            /** @description Catalogue models on this provider */
            models: string[];
        };
        ResponseObject: {
            id: string;
            /** @enum {string} */
            object: "response";
            /** @description Epoch seconds */
            created_at: number;
            /** @enum {string} */
            status: "completed" | "incomplete";
            /** @description The catalogue id of the model that answered */
            model: string;
            output: ({
                /** @enum {string} */
                type: "message";
                id: string;
                /** @enum {string} */
                status: "in_progress" | "completed" | "incomplete";
                /** @enum {string} */
                role: "assistant";
                content: {
                    /** @enum {string} */
                    type: "output_text";
                    text: string;
                    /** @description Always empty */
                    annotations: unknown[];
                }[];
            } | {
                /** @enum {string} */
                type: "function_call";
                id: string;
                /** @description Answer it with a function_call_output item of this call_id */
                call_id: string;
                name: string;
                /** @description The arguments as JSON text */
                arguments: string;
                /** @enum {string} */
                status: "in_progress" | "completed" | "incomplete";
            })[];
            error: null;
            incomplete_details: {
                /** @enum {string} */
                reason: "max_output_tokens";
            } | null;
            instructions: string | null;
            max_output_tokens: number | null;
            temperature: number | null;
            top_p: number | null;
            tool_choice?: unknown;
            tools: unknown[];
            parallel_tool_calls: boolean;
            text: {
                format?: unknown;
            };
            metadata: {
                [key: string]: string;
            };
            previous_response_id: null;
            /**
             * @description The gateway keeps no responses
             * @enum {boolean}
             */
            store: false;
            usage: {
                input_tokens: number;
                input_tokens_details: {
                    cached_tokens: number;
                };
                output_tokens: number;
                output_tokens_details: {
                    reasoning_tokens: number;
                };
                total_tokens: number;
            };
            /** @description The router's own facts about the call */
            empire: {
                provider: string;
                cost_micros: number;
                cached: boolean;
                fake: boolean;
                latency_ms: number;
            };
        };
        ResponsesRequest: {
            /** @description A catalogue id or provider model id, or auto / auto:<class> */
            model: string;
            input: string | ({
                /** @enum {string} */
                type: "function_call";
                id?: string;
                status?: string;
                call_id: string;
                name: string;
                arguments: string;
            } | {
                /** @enum {string} */
                type: "function_call_output";
                id?: string;
                status?: string;
                call_id: string;
                output: string | {
                    /** @enum {string} */
                    type: "input_text" | "output_text";
                    text: string;
                    annotations?: unknown[];
                    logprobs?: unknown[];
                }[];
            } | {
                /** @enum {string} */
                type?: "message";
                id?: string;
                status?: string;
                /** @enum {string} */
                role: "user" | "assistant" | "system" | "developer";
                content: string | ({
                    /** @enum {string} */
                    type: "input_text" | "output_text";
                    text: string;
                    annotations?: unknown[];
                    logprobs?: unknown[];
                } | {
                    /** @enum {string} */
                    type: "input_image";
                    /** @description An https URL, or a data URL: data:image/png|jpeg|gif|webp;base64,... */
                    image_url: string;
                    /** @enum {string} */
                    detail?: "auto" | "low" | "high";
                })[];
            })[];
            /** @description A system message placed before the input */
            instructions?: string | null;
            tools?: ({
                /** @enum {string} */
                type: "function";
                name: string;
                description?: string | null;
                /** @description JSON Schema of the arguments */
                parameters?: {
                    [key: string]: unknown;
                } | null;
                strict?: boolean | null;
            } | ({
                type: string;
            } & {
                [key: string]: unknown;
            }))[];
            tool_choice?: ("auto" | "none" | "required") | {
                /** @enum {string} */
                type: "function";
                name: string;
            };
            parallel_tool_calls?: boolean | null;
            text?: {
                format?: {
                    /** @enum {string} */
                    type: "text";
                } | {
                    /** @enum {string} */
                    type: "json_object";
                } | {
                    /** @enum {string} */
                    type: "json_schema";
                    name: string;
                    description?: string;
                    schema: {
                        [key: string]: unknown;
                    };
                    strict?: boolean | null;
                };
                /** @enum {string|null} */
                verbosity?: "medium" | null;
            };
            max_output_tokens?: number | null;
            temperature?: number | null;
            top_p?: number | null;
            stream?: boolean | null;
            user?: string;
            /** @description Sent on as the end user */
            safety_identifier?: string;
            /** @description Up to 16 string pairs (keys up to 64 characters, values up to 512), recorded on the ledger */
            metadata?: {
                [key: string]: string;
            } | null;
            /** @description Only false: the gateway keeps no responses */
            store?: boolean | null;
            /** @enum {string|null} */
            truncation?: "disabled" | null;
            /** @description Refused: the gateway keeps no responses */
            previous_response_id?: string | null;
            /** @description Refused when true */
            background?: boolean | null;
            /** @description Refused when not empty */
            include?: string[] | null;
        };
        AnthropicMessage: {
            id: string;
            /** @enum {string} */
            type: "message";
            /** @enum {string} */
            role: "assistant";
            /** @description The catalogue id of the model that answered */
            model: string;
            content: ({
                /** @enum {string} */
                type: "text";
                text: string;
            } | {
                /** @enum {string} */
                type: "tool_use";
                id: string;
                name: string;
                input: {
                    [key: string]: unknown;
                };
            })[];
            /** @enum {string} */
            stop_reason: "end_turn" | "max_tokens" | "tool_use";
            stop_sequence: null;
            usage: {
                input_tokens: number;
                output_tokens: number;
            };
            /** @description The router's own facts about the call */
            empire: {
                provider: string;
                cost_micros: number;
                cached: boolean;
                fake: boolean;
                latency_ms: number;
            };
        };
        AnthropicError: {
            /** @enum {string} */
            type: "error";
            error: {
                /** @description invalid_request_error, authentication_error, billing_error, rate_limit_error … */
                type: string;
                message: string;
            };
            /** @description The X-Request-Id of the request, for the logs */
            request_id: string;
        };
        AnthropicMessagesRequest: {
            /** @description A catalogue id or provider model id, or auto / auto:<class> */
            model: string;
            max_tokens: number;
            messages: {
                /** @enum {string} */
                role: "user" | "assistant";
                content: string | ({
                    /** @enum {string} */
                    type: "text";
                    text: string;
                    cache_control?: {
                        /** @enum {string} */
                        type: "ephemeral";
                        ttl?: string;
                    };
                    citations?: null;
                } | {
                    /** @enum {string} */
                    type: "tool_use";
                    id: string;
                    name: string;
                    input: {
                        [key: string]: unknown;
                    };
                    cache_control?: {
                        /** @enum {string} */
                        type: "ephemeral";
                        ttl?: string;
                    };
                } | {
                    /** @enum {string} */
                    type: "tool_result";
                    tool_use_id: string;
                    content?: string | {
                        /** @enum {string} */
                        type: "text";
                        text: string;
                        cache_control?: {
                            /** @enum {string} */
                            type: "ephemeral";
                            ttl?: string;
                        };
                        citations?: null;
                    }[];
                    is_error?: boolean;
                    cache_control?: {
                        /** @enum {string} */
                        type: "ephemeral";
                        ttl?: string;
                    };
                } | {
                    /** @enum {string} */
                    type: "image";
                    source: {
                        /** @enum {string} */
                        type: "base64";
                        /** @enum {string} */
                        media_type: "image/png" | "image/jpeg" | "image/gif" | "image/webp";
                        data: string;
                    } | {
                        /** @enum {string} */
                        type: "url";
                        url: string;
                    };
                    cache_control?: {
                        /** @enum {string} */
                        type: "ephemeral";
                        ttl?: string;
                    };
                } | ({
                    type: string;
                } & {
                    [key: string]: unknown;
                }))[];
            }[];
            system?: string | {
                /** @enum {string} */
                type: "text";
                text: string;
                cache_control?: {
                    /** @enum {string} */
                    type: "ephemeral";
                    ttl?: string;
                };
                citations?: null;
            }[];
            tools?: ({
                name: string;
                description?: string;
                /** @description JSON Schema of the input */
                input_schema: {
                    [key: string]: unknown;
                };
                /** @enum {string} */
                type?: "custom";
                cache_control?: {
                    /** @enum {string} */
                    type: "ephemeral";
                    ttl?: string;
                };
                eager_input_streaming?: boolean;
            } | ({
                type: string;
                name: string;
            } & {
                [key: string]: unknown;
            }))[];
            tool_choice?: {
                /** @enum {string} */
                type: "auto";
                disable_parallel_tool_use?: boolean;
            } | {
                /** @enum {string} */
                type: "any";
                disable_parallel_tool_use?: boolean;
            } | {
                /** @enum {string} */
                type: "tool";
                name: string;
                disable_parallel_tool_use?: boolean;
            } | {
                /** @enum {string} */
                type: "none";
            };
            stop_sequences?: string[];
            temperature?: number;
            top_p?: number;
            stream?: boolean;
            metadata?: {
                user_id?: string | null;
            };
        };
        EmbeddingList: {
            /** @enum {string} */
            object: "list";
            data: {
                /** @enum {string} */
                object: "embedding";
                /** @description The position of its input */
                index: number;
                /** @description Floats, or with encoding_format base64 their little-endian float32 bytes in base64 */
                embedding: number[] | string;
            }[];
            /** @description Catalogue id of the model that answered */
            model: string;
            usage: {
                prompt_tokens: number;
                total_tokens: number;
            };
            /** @description The router's own facts about the call */
            empire: {
                provider: string;
                cost_micros: number;
                cached: boolean;
                fake: boolean;
                latency_ms: number;
            };
        };
        EmbeddingsRequest: {
            /** @description An embeddings model: a catalogue id or a provider model id */
            model: string;
            /** @description A text or up to 2,048 texts; token-id arrays are refused */
            input: string | string[] | number[] | number[][];
            /**
             * @description float arrays, or base64 of little-endian float32 (what the openai SDK asks for)
             * @enum {string}
             */
            encoding_format?: "float" | "base64";
            /** @description Only for models that take it */
            dimensions?: number;
            user?: string;
        };
        BudgetView: components["schemas"]["BudgetSnapshot"] & {
            /** @description Today's spend by model and provider; null while Postgres is down */
            today: {
                byModel: components["schemas"]["SpendRow"][];
                byProvider: components["schemas"]["SpendRow"][];
            } | null;
        };
        Money: {
            /** @description Exact, in USD micro-units */
            usdMicros: number;
            /** @description In the owner's currency */
            amount: number;
            currency: string;
        };
        BudgetWindow: {
            /** @description kind:id, e.g. global:* or agent:ceo */
            scope: string;
            /** @enum {string} */
            window: "day" | "month";
            windowKey: string;
            calls: number;
            cap: components["schemas"]["Money"] & (Record<string, never> | null);
            spent: components["schemas"]["Money"];
            reserved: components["schemas"]["Money"];
            remaining: components["schemas"]["Money"] & (Record<string, never> | null);
        };
        BudgetAlert: {
            scope: string;
            /** @enum {string} */
            window: "day" | "month";
            windowKey: string;
            threshold: 50 | 80 | 100 | "p1";
            spent: components["schemas"]["Money"];
            limit: components["schemas"]["Money"];
            /** @description UTC ISO time */
            firedAt: string;
        };
        SpendRow: {
            key: string;
            calls: number;
            tokensIn: number;
            tokensOut: number;
            costMicros: number;
            cacheHits: number;
        };
        BudgetSnapshot: {
            /** @description UTC ISO time */
            at: string;
            currency: string;
            currencyPerUsd: number;
            p1DailyLine: components["schemas"]["Money"];
            /** @description Every scope but the swarm runs, unless ?runs=listed */
            windows: components["schemas"]["BudgetWindow"][];
            /** @description The swarm runs of each window folded into one line; empty with ?runs=listed */
            runs: {
                /** @enum {string} */
                window: "day" | "month";
                windowKey: string;
                /** @description Swarm runs with a scope in this window */
                runs: number;
                calls: number;
                spent: components["schemas"]["Money"];
                reserved: components["schemas"]["Money"];
            }[];
            alerts: components["schemas"]["BudgetAlert"][];
        };
        SpendReport: {
            /** @description UTC ISO time */
            from: string;
            /** @description UTC ISO time */
            to: string;
            /** @enum {string} */
            groupBy: "day" | "model" | "provider" | "agent" | "client" | "user" | "status";
            /** @description The end user the rows are narrowed to, when asked */
            user?: string;
            currency: string;
            currencyPerUsd: number;
            rows: (components["schemas"]["SpendRow"] & {
                /** @description In the owner's currency */
                cost: number;
            })[];
        };
        Reconciliation: {
            /** @description UTC ISO time */
            at: string;
            balanced: boolean;
            pending: {
                rows: number;
                costMicros: number;
                /** @description UTC ISO time */
                oldestAt: string | null;
                forwardFailures: number;
                lastForwardError: string | null;
            };
            rows: {
                scope: string;
                /** @enum {string} */
                window: "day" | "month";
                windowKey: string;
                spentMicros: number;
                ledgerMicros: number;
                pendingMicros: number;
                driftMicros: number;
            }[];
        };
        DeferralPage: {
            items: components["schemas"]["Deferral"][];
            /** @description Pass as cursor for the next page; null on the last */
            nextCursor: string | null;
        };
        Deferral: {
            id: string;
            refusal: components["schemas"]["Refusal"];
            /** @enum {string} */
            status: "waiting" | "running" | "done" | "failed";
            /** @description UTC ISO time */
            notBefore: string;
            attempts: number;
            result: components["schemas"]["ChatResult"];
            error: string | null;
            /** @description UTC ISO time */
            createdAt: string;
            /** @description UTC ISO time */
            updatedAt: string;
        };
        Refusal: {
            scope: {
                /** @enum {string} */
                kind: "global" | "agent" | "task" | "run" | "client";
                id: string;
            };
            /** @enum {string} */
            window: "day" | "month";
            capMicros: number;
            spentMicros: number;
            reservedMicros: number;
            requestedMicros: number;
            /** @description Epoch ms when the call may fit */
            retryAt: number;
        };
        ChatResult: {
            id: string;
            text: string;
            /** @description Catalogue id of the model that answered */
            model: string;
            provider: string;
            usage: components["schemas"]["Usage"];
            costMicros: number;
            toolCalls?: {
                id: string;
                name: string;
                /** @description JSON text */
                arguments: string;
            }[];
            /** @enum {string} */
            finishReason: "stop" | "length" | "tool_calls" | "other";
            latencyMs: number;
            cached: boolean;
            /** @description The answer came from a local fake upstream, not a real model */
            fake: boolean;
        } | null;
        Usage: {
            inputTokens: number;
            outputTokens: number;
        };
        TaskList: {
            tasks: components["schemas"]["Task"][];
            problems: components["schemas"]["TaskFileProblem"][];
        };
        Task: {
            name: string;
            description: string;
            /** @enum {string} */
            agent: "visionary" | "ceo" | "mouth" | "numbers" | "drive" | "hands" | "memory";
            /** @enum {string} */
            modelClass: "simple" | "research" | "strategic";
            inputs: {
                [key: string]: components["schemas"]["FieldSpec"];
            };
            /** @description One job per item of the input `over`, or N variations; null runs one job */
            fanout: {
                over: string;
                max: number;
            } | {
                variations: number;
            } | null;
            reduce: string;
            budget: {
                max_run_usd: number;
            };
            /** @enum {string} */
            source: "builtin" | "user";
            version: number;
        };
        FieldSpec: {
            /** @enum {string} */
            type: "string" | "number" | "integer" | "boolean" | "list" | "object";
            required?: boolean;
            default?: unknown;
            description?: string;
            items?: components["schemas"]["FieldSpec"];
            fields?: {
                [key: string]: components["schemas"]["FieldSpec"];
            };
            maxLength?: number;
            min?: number;
            max?: number;
        };
        TaskFileProblem: {
            file: string;
            line: number;
            column: number;
            field: string;
            message: string;
        };
        TaskWithYaml: components["schemas"]["Task"] & {
            yaml: string;
        };
        RunStarted: components["schemas"]["RunProgress"] & {
            href: string;
        };
        RunProgress: {
            runId: string;
            task: string;
            /** @enum {string} */
            status: "running" | "reducing" | "done" | "failed" | "cancelled";
            total: number;
            /** @description Not yet handed to the queue (held back by the in-flight limit) */
            queued: number;
            /** @description On the queue or being worked on */
            running: number;
            done: number;
            failed: number;
            cancelled: number;
            costMicros: number;
            maxInFlight: number;
            /** @description Epoch ms */
            createdAt: number;
            /** @description Epoch ms */
            endedAt: number | null;
            error: string | null;
        };
        RunList: {
            runs: components["schemas"]["RunSummary"][];
        };
        RunSummary: {
            /** Format: uuid */
            id: string;
            task: string;
            taskVersion: number;
            /** @enum {string} */
            status: "running" | "reducing" | "done" | "failed" | "cancelled";
            total: number;
            done: number;
            failed: number;
            costMicros: number;
            requestedBy: string;
            /** @description UTC ISO time */
            createdAt: string;
            /** @description UTC ISO time */
            endedAt: string | null;
        };
        RunView: components["schemas"]["RunProgress"] & {
            /** @description UTC ISO time */
            createdAt?: string;
            /** @description UTC ISO time */
            endedAt?: string | null;
            /** @description The reduced result, shaped by the task's reducer; null until done */
            results?: unknown;
            failures: {
                job: number;
                error: string | null;
            }[];
        };
        WorkflowList: {
            workflows: {
                id: string;
                title: string;
                /** @description Read in `timezone` */
                cron: string;
                /** @description The IANA time zone of the schedule (SCHEDULE_TIMEZONE) */
                timezone: string;
                /** @description UTC ISO time */
                nextRun: string;
                lastRun: components["schemas"]["WorkflowRun"];
                /** @description The JSON Schema of the input a manual or webhook run may pass; null: the workflow takes none */
                input: {
                    [key: string]: unknown;
                } | null;
            }[];
            sweep: {
                cron: string;
                /** @description UTC ISO time */
                nextRun: string;
                staleAfterMs: number;
                maxResumes: number;
            };
        };
        WorkflowRun: {
            id: string;
            workflow: string;
            /** @enum {string} */
            trigger: "cron" | "manual" | "retry" | "webhook";
            cron: string | null;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed" | "skipped";
            costMicros: number;
            error: string | null;
            failedStep: string | null;
            retryOf: string | null;
            resumes: number;
            /** @description UTC ISO time */
            tick: string | null;
            /** @description UTC ISO time */
            startedAt: string;
            /** @description UTC ISO time */
            endedAt: string | null;
            /** @description The heartbeat: when a step last started, retried or ended */
            lastProgressAt: string;
            steps: components["schemas"]["WorkflowStep"][] | null;
            /** @description What the run was started with (a manual or webhook run's input); null for none */
            input: {
                [key: string]: unknown;
            } | null;
        } | null;
        WorkflowStep: {
            name: string;
            status: string;
            attempts: number;
            /** @description Epoch ms */
            startedAt: number;
            /** @description Epoch ms; absent while the step runs */
            endedAt?: number;
            costMicros: number;
            /** @description The step's output, shaped by the step */
            output?: unknown;
            note?: string;
            error?: string;
        };
        WorkflowRunList: {
            workflow: string;
            runs: components["schemas"]["WorkflowRun"][];
        };
        WorkflowRunOutcome: {
            /** @description The idempotency key had already started a run: this is that run */
            duplicate: boolean;
            /** @description A run a crash left running was taken over and started again */
            resumed: boolean;
            run: components["schemas"]["WorkflowRun"];
        };
        WorkflowRunRequest: {
            /** @description The run's input, checked against the workflow's input schema (GET /api/workflows); a workflow without one takes none */
            input?: {
                [key: string]: unknown;
            };
        };
        WebhookSecretState: {
            workflow: string;
            /** @description When the current secret was made */
            createdAt: string | null;
            /** @description Until when the secret the last rotation replaced still verifies; null when none does */
            previousValidUntil: string | null;
            configured: boolean;
        };
        WebhookSecretCreated: {
            workflow: string;
            /** @description When the current secret was made */
            createdAt: string;
            /** @description Until when the secret the last rotation replaced still verifies; null when none does */
            previousValidUntil: string | null;
            /** @description Shown this once: sign deliveries with it (README, "Starting a workflow by webhook") */
            secret: string;
        };
        WebhookSecretRequest: {
            /**
             * @description How long the secret this one replaces keeps verifying; default a day, at most 7 days, 0 ends it now
             * @default 86400
             */
            graceSeconds: number;
        };
        WebhookSecretRevoked: {
            workflow: string;
            /** @enum {boolean} */
            revoked: true;
        };
        SweepReport: {
            runs: ({
                runId: string;
                workflow: string;
                /** @enum {string} */
                action: "resumed";
            } | {
                runId: string;
                workflow: string;
                /** @enum {string} */
                action: "failed";
                error: string;
            })[];
            deferrals: {
                /** @description Deferrals this sweep claimed and ran */
                woken: number;
                /** @description Due, but the cap that refused them has no room yet */
                waitingForRoom: number;
            };
        };
        ImportSummary: {
            created: {
                row: number;
                id: string;
            }[];
            errors: {
                row: number;
                field?: string;
                message: string;
                existingId?: string;
            }[];
            ignoredColumns: string[];
        };
        LeadPage: {
            items: components["schemas"]["Lead"][];
            nextCursor: string | null;
        };
        Lead: {
            id: string;
            name: string;
            email: string;
            company: string | null;
            title: string | null;
            source: string | null;
            /** @enum {string} */
            status: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
            /** @enum {string} */
            budgetCurrency: "EUR" | "USD" | "GBP" | "CHF";
            authorityRole: string | null;
            /** @enum {string|null} */
            authorityLevel: "decision_maker" | "influencer" | "user" | "gatekeeper" | null;
            needDescription: string | null;
            painLevel: number | null;
            timelineDays: number | null;
            score: number;
            notes: string | null;
            /** @description Where the pipeline lets it move */
            nextStatuses: ("new" | "contacted" | "qualified" | "proposal" | "won" | "lost")[];
            /** @description In budgetCurrency */
            budgetAmount: number | null;
            /** @description YYYY-MM-DD */
            targetDate: string | null;
            scoreBreakdown: {
                total: number;
                parts: {
                    /** @enum {string} */
                    part: "budget" | "authority" | "need" | "timeline";
                    points: number;
                    rule: string;
                }[];
                /** @description UTC ISO time */
                scoredAt: string | null;
            } | null;
            /** @description UTC ISO time */
            createdAt: string;
            /** @description UTC ISO time */
            updatedAt: string;
        };
        Pipeline: {
            counts: {
                new?: number;
                contacted?: number;
                qualified?: number;
                proposal?: number;
                won?: number;
                lost?: number;
            };
            total: number;
            /** @description Open leads, best score first */
            top: components["schemas"]["Lead"][];
        };
        LeadHitPage: {
            items: (components["schemas"]["Lead"] & {
                /** @description Higher is a better match */
                relevance: number;
            })[];
            nextCursor: string | null;
        };
        LeadWithEvents: components["schemas"]["Lead"] & {
            events: components["schemas"]["LeadEvent"][];
        };
        LeadEvent: {
            id: number;
            /** @enum {string} */
            kind: "created" | "status" | "score" | "outreach" | "enrichment" | "evidence" | "conversion";
            actor: string | null;
            /** @description What happened; its fields depend on the kind */
            data: {
                [key: string]: unknown;
            };
            /** @description UTC ISO time */
            at: string;
        };
        EnrichedLead: {
            lead: components["schemas"]["Lead"];
            enrichment: components["schemas"]["Enrichment"];
        };
        Enrichment: {
            /** @description false when nothing was missing */
            called: boolean;
            missing: string[];
            filled: string[];
            requestId?: string;
            model?: string;
            provider?: string;
            costMicros?: number;
            cached?: boolean;
            rejected?: {
                field: string;
                reason: string;
            }[];
            ignored?: string[];
            error?: string;
        };
        LeadDataExport: {
            lead: components["schemas"]["Lead"];
            events: components["schemas"]["LeadEvent"][];
            /** @description Sequence enrolments, as stored */
            enrolments: {
                [key: string]: unknown;
            }[];
            /** @description Sequence e-mails sent or claimed for the lead, as stored */
            emails: {
                [key: string]: unknown;
            }[];
            /** @description Revenue events whose buyer e-mail is the lead’s */
            purchases: {
                [key: string]: unknown;
            }[];
            /** @description The address is on the do-not-email list (plain, or hashed after an erasure) */
            doNotEmail: boolean;
            /** @description Memory nuggets whose text names the lead (id, address or name) */
            memory: components["schemas"]["Nugget"][];
            /** @description null when no Postgres is configured */
            postgres: {
                /** @description Messages exchanged with a model that name the lead */
                messages: {
                    [key: string]: unknown;
                }[];
                /** @description Conversations whose title names the lead */
                conversations: {
                    [key: string]: unknown;
                }[];
                /** @description Audit entries about the lead or naming it */
                auditEntries: {
                    [key: string]: unknown;
                }[];
                /** @description LLM calls whose end user or labels name the lead */
                ledgerCalls: {
                    [key: string]: unknown;
                }[];
                /** @description Daily sums of older calls made for the lead as end user */
                ledgerDays: {
                    [key: string]: unknown;
                }[];
            } | null;
        };
        Nugget: {
            id: string;
            text: string;
            /** @enum {string} */
            kind: "lesson" | "pattern" | "rule";
            /** @description Who learnt it: agent:ceo, workflow:weekly_review, api:<client> … */
            source: string;
            tags: string[];
            /** @description UTC ISO time */
            createdAt: string;
        };
        LeadErasure: {
            /** @enum {boolean} */
            erased: true;
            id: string;
            removed: {
                events: number;
                enrolments: number;
                emails: number;
                unsubscribeLinks: number;
                /** @description Kept for the books, without the buyer’s address */
                purchasesAnonymised: number;
                /** @description Memory nuggets naming the lead, deleted */
                memoryItems: number;
                /** @description Cached LLM answers about the lead, deleted */
                cachedAnswers: number;
                /** @description null when no Postgres is configured */
                postgres: {
                    messages: number;
                    conversations: number;
                    /** @description Kept without their details */
                    auditEntriesCleared: number;
                    /** @description Ledger rows and folded days kept for the books, without end user or labels */
                    ledgerRowsAnonymised: number;
                } | null;
            };
        };
        SegmentList: {
            items: components["schemas"]["Segment"][];
        };
        Segment: {
            id: string;
            name: string;
            rules: components["schemas"]["SegmentRules"];
            /** @description UTC ISO time */
            createdAt: string | null;
            /** @description UTC ISO time */
            updatedAt: string | null;
        };
        SegmentRules: {
            minScore?: number;
            maxScore?: number;
            sources?: string[];
            industries?: string[];
            companies?: string[];
            statuses?: ("new" | "contacted" | "qualified" | "proposal" | "won" | "lost")[];
        };
        SegmentWithSize: components["schemas"]["Segment"] & {
            size: number;
        };
        SegmentMembers: {
            items: {
                id: string;
                name: string;
                email: string;
                company: string | null;
                source: string | null;
                score: number;
                /** @enum {string} */
                status: "new" | "contacted" | "qualified" | "proposal" | "won" | "lost";
            }[];
            total: number;
        };
        SequenceList: {
            items: components["schemas"]["Sequence"][];
        };
        Sequence: {
            id: string;
            name: string;
            segmentId: string;
            /** @enum {string} */
            status: "active" | "paused";
            steps: components["schemas"]["SequenceStep"][];
            /** @description UTC ISO time */
            createdAt: string | null;
            /** @description UTC ISO time */
            updatedAt: string | null;
        };
        SequenceStep: {
            index: number;
            /** @description Hours after the previous step (after enrolment for the first) */
            delayHours: number;
            subject: string;
            body: string;
            personalise?: string;
        };
        EnrolResult: {
            /** @description Named leads: their ids; a segment: how many */
            enrolled: string[] | number;
            alreadyEnrolled?: string[];
            suppressed?: string[];
            unknown?: string[];
        };
        EnrolmentList: {
            items: components["schemas"]["Enrolment"][];
        };
        Enrolment: {
            leadId: string;
            sequenceId: string;
            /** @enum {string} */
            status: "active" | "completed" | "replied" | "unsubscribed" | "bounced" | "failed";
            nextStep: number;
            /** @description UTC ISO time */
            enrolledAt: string | null;
            /** @description UTC ISO time */
            lastSentAt: string | null;
            /** @description UTC ISO time */
            updatedAt: string | null;
            error: string | null;
            stepCount?: number;
        };
        LeadSales: {
            leadId: string;
            sequences: components["schemas"]["Enrolment"][];
            sends: components["schemas"]["Send"][];
        };
        Send: {
            leadId: string;
            sequenceId: string;
            step: number;
            /** @enum {string} */
            status: "claimed" | "sent" | "failed";
            /** @description UTC ISO time */
            claimedAt: string | null;
            /** @description UTC ISO time */
            sentAt: string | null;
            provider: string | null;
            messageId: string | null;
            dryRun: boolean;
            personalised: boolean;
            error: string | null;
        };
        SendList: {
            items: components["schemas"]["Send"][];
        };
        BmaKnowledge: {
            items: {
                id: string;
                /** @enum {string} */
                category: "planning" | "design" | "detectors" | "alarm_organisation" | "maintenance" | "operation" | "documentation";
                requirement: string;
                norm: string;
                /** @enum {string} */
                severity: "critical" | "major" | "minor";
                applies_to?: {
                    site_types?: ("office" | "hotel" | "hospital" | "care_home" | "school" | "assembly" | "retail" | "industrial" | "warehouse" | "data_centre" | "residential" | "other")[];
                    min_area_m2?: number;
                    min_floors?: number;
                    min_occupants?: number;
                    sleeping_occupants?: boolean;
                    connected_to_fire_brigade?: boolean;
                };
                /** @default [] */
                keywords: string[];
                suggestion: string;
                file: string;
                /** @description How well it matches q; only when searched */
                score?: number;
            }[];
            norms: {
                id: string;
                title: string;
                file: string;
            }[];
            /**
             * @description How q was matched
             * @enum {string}
             */
            search?: "memory" | "keywords";
        };
        NewBmaAudit: {
            id: string;
            site: {
                name: string;
                /** @enum {string} */
                type: "office" | "hotel" | "hospital" | "care_home" | "school" | "assembly" | "retail" | "industrial" | "warehouse" | "data_centre" | "residential" | "other";
                address?: string;
                /** @description Gross floor area in m² */
                areaM2: number;
                floors: number;
                occupants?: number;
                /** @description People sleep there (defaults from the site type) */
                sleepingOccupants?: boolean;
                /**
                 * @description Alarms go to the fire brigade
                 * @default false
                 */
                connectedToFireBrigade: boolean;
            };
            checklist: {
                itemId: string;
                category: string;
                requirement: string;
                norm: string;
                /** @enum {string} */
                severity: "critical" | "major" | "minor";
                /** @enum {string} */
                status: "deviation" | "to_verify";
                findings: number[];
            }[];
            findings: {
                index: number;
                text: string;
                location?: string;
                itemId: string | null;
                /** @enum {string|null} */
                matchedBy: "item_id" | "keywords" | null;
                /** @enum {string|null} */
                severity: "critical" | "major" | "minor" | null;
            }[];
            suggestions: {
                /** @enum {string} */
                priority: "immediately" | "within_4_weeks" | "next_maintenance";
                itemId: string | null;
                text: string;
                rule: string;
            }[];
            summary: string;
            counts: {
                items: number;
                deviations: number;
                critical: number;
                unmapped: number;
            };
            /** @description UTC ISO time */
            createdAt: string;
            wording: {
                /** @enum {string} */
                source: "rules" | "llm";
                fallback?: string;
            };
            costMicros: number;
            report: {
                markdown: string;
                html: string;
            };
        };
        BmaAudit: {
            id: string;
            customer: string | null;
            engagementId: string | null;
            site: {
                name: string;
                /** @enum {string} */
                type: "office" | "hotel" | "hospital" | "care_home" | "school" | "assembly" | "retail" | "industrial" | "warehouse" | "data_centre" | "residential" | "other";
                address?: string;
                /** @description Gross floor area in m² */
                areaM2: number;
                floors: number;
                occupants?: number;
                /** @description People sleep there (defaults from the site type) */
                sleepingOccupants?: boolean;
                /**
                 * @description Alarms go to the fire brigade
                 * @default false
                 */
                connectedToFireBrigade: boolean;
            };
            checklist: {
                itemId: string;
                category: string;
                requirement: string;
                norm: string;
                /** @enum {string} */
                severity: "critical" | "major" | "minor";
                /** @enum {string} */
                status: "deviation" | "to_verify";
                findings: number[];
            }[];
            findings: {
                index: number;
                text: string;
                location?: string;
                itemId: string | null;
                /** @enum {string|null} */
                matchedBy: "item_id" | "keywords" | null;
                /** @enum {string|null} */
                severity: "critical" | "major" | "minor" | null;
            }[];
            suggestions: {
                /** @enum {string} */
                priority: "immediately" | "within_4_weeks" | "next_maintenance";
                itemId: string | null;
                text: string;
                rule: string;
            }[];
            summary: string;
            counts: {
                items: number;
                deviations: number;
                critical: number;
                unmapped: number;
            };
            /** @description UTC ISO time */
            createdAt: string;
        };
        EngagementList: {
            items: components["schemas"]["Engagement"][];
        };
        Engagement: {
            id: string;
            customer: string;
            site: string;
            description: string | null;
            feeMicros: number;
            currency: string;
            /** @enum {string} */
            status: "proposed" | "active" | "completed" | "invoiced" | "paid" | "cancelled";
            nextStatuses: ("proposed" | "active" | "completed" | "invoiced" | "paid" | "cancelled")[];
            /** @description UTC ISO time */
            invoicedAt: string | null;
            /** @description UTC ISO time */
            paidAt: string | null;
            /** @description UTC ISO time */
            createdAt: string;
            /** @description UTC ISO time */
            updatedAt: string;
        };
        ConsultingRevenue: {
            /** @description UTC ISO time */
            from: string;
            /** @description UTC ISO time */
            to: string;
            /** @description Paid in the window */
            paidMicros: {
                [key: string]: number;
            };
            /** @description Invoiced in the window and not yet paid */
            openInvoicedMicros: {
                [key: string]: number;
            };
            paidCount: number;
            /** @description Micro-units by currency code */
            pipelineMicros: {
                [key: string]: number;
            };
        };
        GithubDelivery: {
            delivery: string;
            handled: boolean;
            /** @description Why nothing runs */
            reason?: string;
            /** @description The command that runs */
            command?: string;
        };
        EmailWebhookResult: {
            /** @enum {string} */
            provider: "resend" | "sendgrid";
            /** @description New events counted on a newsletter publication or a sales e-mail */
            counted: number;
            /** @description Events received before (a redelivery); not counted again */
            duplicates: number;
            /** @description New events for mail that is neither a newsletter nor a sales e-mail */
            unmatched: number;
            /** @description Event types not counted (sent, processed, deferred, …) */
            ignored: number;
        };
        AuditPage: {
            items: components["schemas"]["AuditEntry"][];
            nextCursor: string | null;
        };
        AuditEntry: {
            id: number;
            /** @description UTC ISO time */
            at: string;
            actor: {
                kind: string;
                id: string;
                role: string | null;
                keyPrefix: string | null;
            };
            action: string;
            target: {
                type: string;
                id: string | null;
            } | null;
            outcome: string;
            status: number | null;
            costMicros: number;
            requestId: string | null;
            /** @description Free-form facts the action noted, redacted */
            details: {
                [key: string]: unknown;
            };
        };
        StoredNugget: components["schemas"]["Nugget"] & {
            /** @description false when the same nugget was already stored */
            created: boolean;
            embedding: components["schemas"]["Embedding"];
        };
        Embedding: {
            provider: string;
            model: string;
            dimensions: number | null;
            local: boolean;
            collection: string;
        };
        MemorySearch: {
            query: string;
            k: number;
            embedding: components["schemas"]["Embedding"];
            results: (components["schemas"]["Nugget"] & {
                /** @description Cosine distance, 0 = same */
                distance: number;
                /** @description 1 - distance */
                score: number;
            })[];
        };
        GoldNuggets: {
            embedding: components["schemas"]["Embedding"];
            latest: (components["schemas"]["Nugget"] & {
                uses: number;
                /** @description UTC ISO time */
                lastUsedAt: string | null;
            })[];
            mostUsed: (components["schemas"]["Nugget"] & {
                uses: number;
                /** @description UTC ISO time */
                lastUsedAt: string | null;
            })[];
        };
        InsightList: {
            insights: components["schemas"]["Insight"][];
        };
        Insight: {
            /** @enum {string} */
            area: "content" | "sales";
            /** @description channel, slot, format, topic (content); segment, source, sequence (sales) */
            dimension: string;
            /** @description The group within the dimension */
            key: string;
            figures: {
                /** @description Engagements (likes, reposts, replies, quotes, bookmarks, clicks) or converted leads */
                hits: number;
                /** @description Impressions and deliveries, or leads */
                base: number;
                /** @description hits / base, to four places */
                rate: number;
                /** @description Posts (content) or leads (sales) behind the figure */
                samples: number;
                /** @description Fewer samples than a firm figure needs */
                small: boolean;
                /** @description The dimension's other groups together, when the groups partition it */
                others?: {
                    /** @description Engagements (likes, reposts, replies, quotes, bookmarks, clicks) or converted leads */
                    hits: number;
                    /** @description Impressions and deliveries, or leads */
                    base: number;
                    /** @description hits / base, to four places */
                    rate: number;
                };
            };
            /** @description The pattern in one sentence, as stored in long-term memory */
            text: string;
            /** @description UTC ISO time */
            computedAt: string;
        };
        ContentPage: {
            items: components["schemas"]["ContentItem"][];
            nextCursor: string | null;
        };
        ContentItem: {
            id: string;
            ideaId: string;
            /** @enum {string} */
            channel: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
            /** @enum {string} */
            status: "draft" | "approved" | "scheduled" | "published" | "failed" | "rejected";
            nextStatuses: ("draft" | "approved" | "scheduled" | "published" | "failed" | "rejected")[];
            /** @description The variant's text; its fields depend on the channel */
            body: {
                [key: string]: unknown;
            };
            /** @description UTC ISO time */
            scheduledAt: string | null;
            /** @description UTC ISO time */
            publishedAt: string | null;
            attempts: number;
            lastError: string | null;
            publication: components["schemas"]["Publication"];
            /** @description UTC ISO time */
            createdAt: string | null;
            /** @description UTC ISO time */
            updatedAt: string | null;
        };
        Publication: {
            /** @enum {string} */
            state: "sending" | "sent" | "failed";
            dryRun: boolean;
            remoteIds: string[];
            url: string | null;
            error: string | null;
            /** @description UTC ISO time */
            claimedAt: string | null;
            /** @description UTC ISO time */
            finishedAt: string | null;
        } | null;
        ContentItemWithEvents: components["schemas"]["ContentItem"] & {
            events: components["schemas"]["ContentEvent"][];
        };
        ContentEvent: {
            id: number;
            /** @enum {string} */
            kind: "created" | "status" | "edited" | "publish";
            actor: string | null;
            /** @description What happened; its fields depend on the kind */
            data: {
                [key: string]: unknown;
            };
            /** @description UTC ISO time */
            at: string | null;
        };
        Published: {
            /** @description UTC ISO time */
            from: string;
            /** @description UTC ISO time */
            to: string;
            items: (components["schemas"]["Publication"] & {
                id: string;
                ideaId: string;
                /** @enum {string} */
                channel: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
                /** @description UTC ISO time */
                publishedAt: string;
            })[];
        };
        ItemEngagement: {
            itemId: string;
            channel: string;
            /** @description post, thread or newsletter; null before anything was read back */
            format: string | null;
            postedAt: string | null;
            /** @description When X metrics were last read; null for e-mail and before the first read */
            metricsReadAt: string | null;
            impressions: number;
            likes: number;
            reposts: number;
            replies: number;
            quotes: number;
            bookmarks: number;
            delivered: number;
            /** @description Open events, repeats by one reader included */
            opened: number;
            clicked: number;
            bounced: number;
            complained: number;
            /** @description Every X metrics reading, newest first (at most 50) */
            snapshots: {
                readAt: string;
                posts: number;
                impressions: number;
                likes: number;
                reposts: number;
                replies: number;
                quotes: number;
                bookmarks: number;
            }[];
        };
        EngagementSummary: {
            from: string;
            to: string;
            /** @enum {string} */
            groupBy: "channel" | "format" | "idea" | "slot";
            groups: {
                /** @description The channel, format, idea id (a sequence id for sales e-mails), or posting hour in SCHEDULE_TIMEZONE ("09:00") */
                key: string;
                /** @description Publications and sales e-mails in the group */
                subjects: number;
                impressions: number;
                likes: number;
                reposts: number;
                replies: number;
                quotes: number;
                bookmarks: number;
                delivered: number;
                /** @description Open events, repeats by one reader included */
                opened: number;
                clicked: number;
                bounced: number;
                complained: number;
            }[];
        };
        ContentDecisions: {
            results: ({
                id: string;
                /** @enum {boolean} */
                ok: true;
                /** @enum {string} */
                channel: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
                /** @enum {string} */
                status: "draft" | "approved" | "scheduled" | "published" | "failed" | "rejected";
                /** @description The posting slot the item took (approve); null when rejected */
                scheduledFor: string | null;
            } | {
                id: string;
                /** @enum {boolean} */
                ok: false;
                /**
                 * @description The error code a single-item call would answer
                 * @enum {string}
                 */
                code: "not_found" | "conflict";
                message: string;
            })[];
        };
        ContentIdea: {
            id: string;
            topic: string;
            brief: string | null;
            /** @enum {string} */
            origin: "manual" | "generated";
            createdBy: string | null;
            /** @description UTC ISO time */
            createdAt: string;
            items: components["schemas"]["ContentItem"][];
        };
        GeneratedVariants: {
            items: components["schemas"]["ContentItem"][];
            /** @description Channels whose text broke the channel's rules or came back missing */
            rejected: {
                /** @enum {string} */
                channel: "x" | "linkedin" | "blog" | "newsletter" | "discord" | "reddit";
                problem: string;
            }[];
            model: string;
            costMicros: number;
        };
        GumroadPingResult: {
            saleId: string;
            /** @enum {string} */
            result: "recorded" | "duplicate" | "refunded" | "ignored";
            reason?: string;
            /** @description The lead this ping matched the sale to by the buyer e-mail; absent when none, or matched before */
            leadId?: string;
        };
        UnmatchedSales: {
            items: components["schemas"]["UnmatchedSale"][];
        };
        UnmatchedSale: {
            /** @description The sale id to link */
            id: string;
            /** @enum {string} */
            source: "gumroad" | "fiverr" | "consulting";
            orderId: string;
            amountMicros: number;
            currency: string;
            product: string;
            buyerEmail: string | null;
            /** @description UTC ISO time */
            at: string;
        };
        LinkResult: {
            conversion: components["schemas"]["Conversion"];
            /** @description False when the sale was already linked to this lead */
            changed: boolean;
        };
        Conversion: {
            saleId: string;
            leadId: string;
            /**
             * @description email: the buyer e-mail is a lead; manual: named on the order; linked: linked later
             * @enum {string}
             */
            matchedBy: "email" | "manual" | "linked";
            /** @description The segments whose rules held the lead when its sale was matched */
            segmentIds: string[];
            /** @description The lead's source then, lower-cased */
            leadSource: string | null;
            /** @description The sequences the lead was enrolled in then */
            sequenceIds: string[];
            /** @description UTC ISO time */
            matchedAt: string;
        };
        ConversionReport: {
            /** @description UTC ISO time */
            from: string;
            /** @description UTC ISO time */
            to: string;
            convertedLeads: number;
            /** @description Matched paid sales in the window */
            sales: number;
            /** @description Paid sales in the window that no lead is matched to */
            unmatchedSales: number;
            /** @description What the matched sales brought, per currency */
            revenue: components["schemas"]["CurrencyAmount"][];
            bySegment: {
                /** @description Leads in the group that existed before `to`, plus converted leads credited to it */
                leads: number;
                /** @description Distinct leads of the group with a paid sale made in the window */
                convertedLeads: number;
                /** @description convertedLeads / leads, to four places */
                rate: number;
                /** @description Per currency, micro-units */
                revenue: components["schemas"]["CurrencyAmount"][];
                segmentId: string;
                name: string;
            }[];
            bySource: {
                /** @description Leads in the group that existed before `to`, plus converted leads credited to it */
                leads: number;
                /** @description Distinct leads of the group with a paid sale made in the window */
                convertedLeads: number;
                /** @description convertedLeads / leads, to four places */
                rate: number;
                /** @description Per currency, micro-units */
                revenue: components["schemas"]["CurrencyAmount"][];
                /** @description Lower-cased; 'unknown' for none */
                source: string;
            }[];
            bySequence: {
                /** @description Leads in the group that existed before `to`, plus converted leads credited to it */
                leads: number;
                /** @description Distinct leads of the group with a paid sale made in the window */
                convertedLeads: number;
                /** @description convertedLeads / leads, to four places */
                rate: number;
                /** @description Per currency, micro-units */
                revenue: components["schemas"]["CurrencyAmount"][];
                sequenceId: string;
                name: string | null;
            }[];
        };
        CurrencyAmount: {
            currency: string;
            amountMicros: number;
        };
        RevenueSummary: {
            /** @description UTC ISO time */
            from: string;
            /** @description UTC ISO time */
            to: string;
            totals: components["schemas"]["Amount"][];
            bySource: (components["schemas"]["Amount"] & {
                source: string;
            })[];
            byProduct: (components["schemas"]["Amount"] & {
                source: string;
                product: string;
            })[];
            refunds: components["schemas"]["Amount"][];
        };
        Amount: {
            currency: string;
            amountMicros: number;
            count: number;
        };
        RecordedOrder: {
            id: string;
            /** @enum {string} */
            source: "gumroad" | "fiverr" | "consulting";
            orderId: string;
            amountMicros: number;
            currency: string;
            product: string | null;
            /** @description UTC ISO time */
            at: string;
            /** @description The lead the order was matched to (by leadId or buyer e-mail); null when none */
            leadId: string | null;
        };
        BackupList: {
            backups: components["schemas"]["BackupManifest"][];
        };
        BackupManifest: {
            id: string;
            /** @enum {string} */
            format: "ndjson";
            /** @description UTC ISO time */
            startedAt: string;
            /** @description UTC ISO time */
            endedAt: string;
            d1: {
                schema: {
                    type: string;
                    name: string;
                    sql: string;
                }[];
                migrations: string[];
                tables: {
                    key: string;
                    rows: number;
                    bytes: number;
                    sha256: string;
                    table: string;
                }[];
            };
            postgres: {
                schema: string;
                migrations: {
                    count: number;
                    lastHash: string | null;
                    lastAt: number | null;
                };
                tables: {
                    key: string;
                    rows: number;
                    bytes: number;
                    sha256: string;
                    table: string;
                }[];
            } | null;
            /** @description The budget ledger, every agent and the swarm runs not ended, each with its schema version */
            durableObjects?: {
                key: string;
                rows: number;
                bytes: number;
                sha256: string;
                /** @enum {string} */
                class: "BudgetLedger" | "BrainAgent" | "SwarmRun";
                name: string;
                schemaVersion: number;
            }[];
            /** @description Chroma collections (ids, documents, metadatas, embeddings); null without Chroma */
            chroma?: {
                key: string;
                rows: number;
                bytes: number;
                sha256: string;
                collection: string;
                metadata: {
                    [key: string]: unknown;
                } | null;
                space: string | null;
            }[] | null;
        };
        RestoreResult: {
            id: string;
            d1: {
                table: string;
                rows: number;
            }[] | null;
            postgres: {
                table: string;
                rows: number;
            }[] | null;
            durableObjects: {
                /** @enum {string} */
                class: "BudgetLedger" | "BrainAgent" | "SwarmRun";
                name: string;
                rows: number;
            }[] | null;
            chroma: {
                collection: string;
                rows: number;
            }[] | null;
        };
    };
    responses: {
        /** @description invalid_request or malformed_json */
        Error400: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unauthorized: no or a wrong credential */
        Error401: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description over_budget: not sent; deferred until the budget allows */
        Error402: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description forbidden: the role may not do this */
        Error403: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description not_found */
        Error404: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description method_not_allowed */
        Error405: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description conflict, or idempotency_in_progress */
        Error409: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description payload_too_large */
        Error413: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unsupported_media_type */
        Error415: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description no_route, or idempotency_key_reused */
        Error422: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description rate_limited */
        Error429: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description internal or config_invalid */
        Error500: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description upstream_error */
        Error502: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description unavailable or memory_unavailable: a dependency is down */
        Error503: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
