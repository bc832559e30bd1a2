import type { Metadata } from "next";
import { DeviceCheck } from "./device-check";

export const metadata: Metadata = {
  title: "Check your devices — Atrium",
  description: "Test your microphone, camera, speakers and connection before entering a hall.",
};

export default function CheckPage() {
  return <DeviceCheck />;
}
