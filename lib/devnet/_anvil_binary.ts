// lib/devnet/_anvil_binary.ts — one job: find the Anvil executable shipped by npm.
import { fileURLToPath } from "node:url";
import { DevnetError } from "./errors.ts";

/** npm package that ships Anvil for each `${Deno.build.os}-${Deno.build.arch}` Foundry builds. */
const PACKAGES: Readonly<Record<string, string>> = {
  "linux-x86_64": "@foundry-rs/anvil-linux-amd64",
  "linux-aarch64": "@foundry-rs/anvil-linux-arm64",
  "darwin-x86_64": "@foundry-rs/anvil-darwin-amd64",
  "darwin-aarch64": "@foundry-rs/anvil-darwin-arm64",
  "windows-x86_64": "@foundry-rs/anvil-win32-amd64",
};

const PINNED_VERSION = "1.7.1";

/** The npm package holding Anvil for this platform, or undefined when Foundry ships none. */
export function anvilPackageFor(os: string, arch: string): string | undefined {
  return PACKAGES[`${os}-${arch}`];
}

/**
 * Absolute path of an executable Anvil: `explicit` when given, else the one in the pinned npm
 * package for this platform. Sets the executable bit when an install dropped it.
 */
export async function locateAnvil(explicit?: string): Promise<string> {
  const path = explicit ?? await packagedAnvil();
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (cause) {
    throw new DevnetError("BINARY_NOT_FOUND", `No Anvil binary at ${path}`, { path }, { cause });
  }
  if (!info.isFile) {
    throw new DevnetError("BINARY_NOT_FOUND", `Anvil path ${path} is not a file`, { path });
  }
  const mode = info.mode ?? 0o755;
  // npm tarballs extracted by some clients lose the mode bits; restore them instead of failing.
  if (Deno.build.os !== "windows" && (mode & 0o111) === 0) {
    try {
      await Deno.chmod(path, mode | 0o755);
    } catch (cause) {
      throw new DevnetError("BINARY_NOT_FOUND", `Anvil binary at ${path} is not executable`, {
        path,
        mode,
      }, { cause });
    }
  }
  return path;
}

async function packagedAnvil(): Promise<string> {
  const pkg = anvilPackageFor(Deno.build.os, Deno.build.arch);
  const platform = `${Deno.build.os}-${Deno.build.arch}`;
  if (pkg === undefined) {
    throw new DevnetError(
      "UNSUPPORTED_PLATFORM",
      `Foundry ships no Anvil for ${platform}; pass the binary option`,
      { platform },
    );
  }
  if (pkg !== "@foundry-rs/anvil-linux-amd64") {
    throw new DevnetError(
      "UNSUPPORTED_PLATFORM",
      `No Anvil pinned for ${platform}; add npm:${pkg}@${PINNED_VERSION} to deno.json`,
      { platform, package: pkg },
    );
  }
  try {
    // A literal specifier, so Deno installs the package with the rest of the module graph.
    await import("@foundry-rs/anvil-linux-amd64/package.json", { with: { type: "json" } });
  } catch (cause) {
    throw new DevnetError(
      "BINARY_NOT_FOUND",
      `Package npm:${pkg}@${PINNED_VERSION} is not installed; run deno install`,
      { package: pkg },
      { cause },
    );
  }
  const manifest = new URL(import.meta.resolve("@foundry-rs/anvil-linux-amd64/package.json"));
  if (manifest.protocol !== "file:") {
    throw new DevnetError(
      "BINARY_NOT_FOUND",
      `Package npm:${pkg} resolved to ${manifest.href}, not a local file; set nodeModulesDir`,
      { package: pkg, url: manifest.href },
    );
  }
  return fileURLToPath(new URL("./bin/anvil", manifest));
}
