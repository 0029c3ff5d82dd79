"use client";
// better-auth's browser client: sign-in goes through /api/auth so its rate limit applies.
import { createAuthClient } from "better-auth/react";

export const authClient = createAuthClient();
