import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** One request exactly as it arrived on the socket. */
export interface RecordedRequest {
  method: string;
  /** Raw request target, as sent: path and encoded query. */
  target: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: Buffer;
  at: number;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: unknown;
}

export type Responder = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

/**
 * A real HTTP server on loopback that records every request's bytes and answers with whatever
 * the test scripts, so client tests check what actually goes over the wire.
 */
export async function startWireServer(responder: Responder) {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = req.url ?? "/";
    const url = new URL(target, "http://localhost");
    const recorded: RecordedRequest = {
      method: req.method ?? "",
      target,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: Buffer.concat(chunks),
      at: Date.now(),
    };
    requests.push(recorded);
    const reply = await responder(recorded, requests.length - 1);
    const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body);
    res.writeHead(reply.status ?? 200, {
      "content-type": "application/json; charset=utf-8",
      ...reply.headers,
    });
    res.end(text);
  });
  server.keepAliveTimeout = 1;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const success = (data: unknown = {}): Reply => ({
  body: { code: 0, data, message: "Success", request_id: "20261124120000ABCDEF0123456789ABCDEF" },
});

export const failure = (
  code: number,
  message: string,
  status = 200,
  headers?: Record<string, string>,
): Reply => ({
  status,
  ...(headers ? { headers } : {}),
  body: { code, data: null, message, request_id: "20261124120000FEDCBA9876543210FEDCBA" },
});

/**
 * The signature recomputed the way a server would, written independently of the client's
 * signing module: decoded query pairs minus sign/access_token, sorted, path prefix, raw body.
 */
export function serverSideSignature(request: RecordedRequest, appSecret: string): string {
  const pairs = [...request.query.entries()].filter(([k]) => k !== "sign" && k !== "access_token");
  pairs.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const multipart = (request.headers["content-type"] ?? "").startsWith("multipart/form-data");
  const message = Buffer.concat([
    Buffer.from(appSecret + request.path + pairs.map(([k, v]) => k + v).join("")),
    multipart ? Buffer.alloc(0) : request.body,
    Buffer.from(appSecret),
  ]);
  return createHmac("sha256", appSecret).update(message).digest("hex");
}
