import Link from "next/link";

export default function Home() {
  return (
    <main className="landing">
      <h1>Atrium</h1>
      <p className="lead">A 3D service hall in your browser. Walk in as an avatar, look around the booths, and talk to the people you meet — with your voice.</p>
      <ul className="hall-list">
        <li>
          <Link href="/hall/demo">
            <span>
              <strong>Atrium demo hall</strong>
              <br />
              <span className="status-line">Reception, two product plinths, room for everyone</span>
            </span>
            <span aria-hidden>Enter →</span>
          </Link>
        </li>
      </ul>
      <p className="status-line">
        First time here? <Link href="/check">Check your microphone, camera, speakers and connection</Link> before you walk in.
      </p>
    </main>
  );
}
