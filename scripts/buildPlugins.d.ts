import type { Plugin } from 'esbuild';

/** The esbuild plugins of the CLI's bundle (see buildPlugins.js). */
export declare const cliPlugins: Plugin[];
