import type { Metadata } from "next";
import { StudioEditorPage } from "../studio-editor.tsx";

export const metadata: Metadata = {
  title: "Studio — Atrium",
  description: "Edit a hall: booths, products, signs, screens and more.",
};

export default async function StudioScenePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <StudioEditorPage sceneId={id} />;
}
