// The bare baseline app builds and serves on its own, with nothing shared with Layerwise's config.
export default {};
