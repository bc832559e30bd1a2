import type { Metadata } from "next";
import { HomePage } from "./_components/home/home-page.tsx";

export const metadata: Metadata = {
  title: "Atrium — a virtual service hall",
  description: "Walk into a 3D showroom, ask the AI concierge in English or Chinese, and be served by digital humans.",
};

export default function Home() {
  return <HomePage />;
}
