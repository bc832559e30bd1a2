import type { NextConfig } from "next";

// The app runs inside our own Node server (server/main.ts), which also hosts
// Colyseus and the SFU; Next only renders pages and bundles the client.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // mediasoup and colyseus server packages must never be bundled into pages.
  serverExternalPackages: ["mediasoup", "@colyseus/core", "@colyseus/ws-transport"],
  devIndicators: false,
  // `npm test` type-checks the whole project with tsc before it builds; don't do it twice.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
