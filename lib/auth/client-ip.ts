// The one request header better-auth reads the client's address from (its
// sign-in rate limit). lib/ops/web-server.ts sets it from the socket, replacing
// whatever the client sent (lib/http/client-address.ts decides the address).
export const CLIENT_IP_HEADER = "x-runboard-client-ip";
