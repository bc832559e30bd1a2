import { HallView } from "../../_components/hall-view";

export default async function HallPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <HallView hallId={id} />;
}
