import type { Metadata } from "next";
import { StudioHomePage } from "./studio-home.tsx";

export const metadata: Metadata = {
  title: "Studio — Atrium",
  description: "Design, preview and publish your halls.",
};

export default function StudioPage() {
  return <StudioHomePage />;
}
