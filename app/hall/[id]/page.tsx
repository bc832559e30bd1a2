import { HallView } from "../../_components/hall-view";

export default async function HallPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ preview?: string | string[] }> }) {
  const { id } = await params;
  const { preview } = await searchParams;
  // `?preview=<scene>`: a marketer walks through a draft in a private instance (the studio's "Preview").
  return <HallView hallId={id} preview={typeof preview === "string" && preview ? preview : undefined} />;
}
