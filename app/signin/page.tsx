import type { Metadata } from "next";
import { SignIn } from "./sign-in";

export const metadata: Metadata = {
  title: "Staff sign-in — Atrium",
  description: "Sign in to Atrium as an agent, supervisor, marketer or administrator.",
};

export default function SignInPage() {
  return <SignIn />;
}
