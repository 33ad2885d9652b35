import type { ViteUserConfig } from "vitest/config";
import { packageTestConfig } from "../../vitest.shared.ts";

const config: ViteUserConfig = packageTestConfig({ testTimeout: 30_000 });
export default config;
