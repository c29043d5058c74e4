# Sourced by the scripts here: installs what a browser test needs when it is
# missing: Debian's packages named in BROWSER_PACKAGES (chromium by default)
# with apt-get, and the npm packages of package-lock.json into node_modules/
# here, then builds the release binary. It never downloads a browser of its own:
# Playwright drives /usr/bin/chromium.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
top="$(cd "$here/../.." && pwd)"

missing=()
for want in chromium ${BROWSER_PACKAGES:-}; do
  case "$want" in
    chromium) command -v chromium >/dev/null || missing+=(chromium) ;;
    default-jre-headless) command -v java >/dev/null || missing+=(default-jre-headless) ;;
    *) command -v "$want" >/dev/null || [ -x "/usr/sbin/$want" ] || missing+=("$want") ;;
  esac
done
if ((${#missing[@]})); then
  echo "installing ${missing[*]} with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# npm ci when package-lock.json changed since the last install. Install
# scripts stay off: vnu-jar's would download a Java runtime.
stamp="$here/node_modules/.malbild-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  (cd "$here" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$stamp"
fi

(cd "$top" && cargo build --release --quiet)
