import type { NextConfig } from "next";

// The app runs inside our own Node server (server/main.ts), which also hosts
// Colyseus and the SFU; Next only renders pages and bundles the client.
const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // mediasoup and colyseus server packages must never be bundled into pages.
  serverExternalPackages: ["mediasoup", "@colyseus/core", "@colyseus/ws-transport"],
  devIndicators: false,
};

export default nextConfig;
