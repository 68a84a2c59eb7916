/** The banner an ES module bundle of CommonJS dependencies needs (see esmBanner.js). */
export declare const esmBanner: string;
