// The part of autocannon's API the bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  namespace autocannon {
    type Histogram = {
      average: number;
      mean: number;
      p50: number;
      p90: number;
      p99: number;
      max: number;
      total: number;
    };
    type Result = {
      requests: Histogram;
      latency: Histogram;
      throughput: Histogram;
      /** Seconds the run actually took. */
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
    };
    type Options = {
      url: string;
      connections?: number;
      duration?: number;
      timeout?: number;
      headers?: Record<string, string>;
      /** Requests in turn; `setupRequest` may change each one (its body) before it is sent. */
      requests?: {
        method?: "GET" | "POST";
        setupRequest?: (request: Record<string, unknown>) => Record<string, unknown>;
      }[];
    };
    /** Emits "response" (client, statusCode, bytes, responseTimeMs) per answer; resolves with the summary. */
    type Instance = EventEmitter & PromiseLike<Result>;
  }
  function autocannon(options: autocannon.Options): autocannon.Instance;
  export = autocannon;
}
