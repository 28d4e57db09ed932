#!/usr/bin/env bash
# Drives `mediac lsp` through Neovim's own built-in LSP client, headless, the way an editor
# user meets it:
#
#   1. opens a spec with a unit error (`thickness = 30 g/m2`: a thickness is a length) and waits
#      until the diagnostics the server publishes for it arrive in Neovim; prints each one as
#      `line:col severity code message` (0-based line and byte column, as Neovim stores them)
#      and checks that one is the error `media::unit::wrong_dimension`, placed on `30 g/m2`
#      (a wrong column means the server does not count columns in UTF-16 code units, the
#      encoding the client asks for; the line holds non-ASCII text to show it);
#   2. edits the buffer (`30 g/m2` becomes `30 µm`) and waits until the diagnostics hold no
#      error or warning any more (hints and infos may stay);
#   3. shuts the server down.
#
# Run it from anywhere:
#
#   scripts/lsp-editor-check.sh                     # target/release/mediac (built if missing)
#   MEDIAC=/path/to/mediac scripts/lsp-editor-check.sh
#   LSP_CHECK_TIMEOUT_MS=30000 scripts/lsp-editor-check.sh
#
# It installs the Debian package `neovim` when `nvim` is missing (Debian 12 ships Neovim 0.7.2;
# the Lua below uses only what 0.7 has, and `vim.lsp.start` where it exists). Exit status: 0 when
# every step passed, 1 when one failed (with the reason, and the tail of Neovim's LSP log,
# where the server's standard error goes).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
timeout_ms=${LSP_CHECK_TIMEOUT_MS:-10000}

# ---------------------------------------------------------------- Neovim
if ! command -v nvim >/dev/null 2>&1; then
  echo "nvim not found: installing the Debian package neovim" >&2
  sudo=()
  if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq neovim >/dev/null
fi
echo "neovim: $(nvim --version | head -n 1)"

# ---------------------------------------------------------------- mediac
if [ -n "${MEDIAC:-}" ]; then
  mediac=$MEDIAC
  case $mediac in
    */*) if dir=$(cd "$(dirname "$mediac")" 2>/dev/null && pwd); then mediac=$dir/$(basename "$mediac"); fi ;;
    *) mediac=$(command -v "$mediac" || true) ;;
  esac
else
  mediac=$root/target/release/mediac
  if [ ! -x "$mediac" ]; then
    echo "building mediac (cargo build --release)" >&2
    (cd "$root" && cargo build --release)
  elif [ -n "$(find "$root/src" "$root/Cargo.toml" -newer "$mediac" -print -quit)" ]; then
    echo "note: $mediac is older than the sources; this checks that build" >&2
  fi
fi
if [ -z "$mediac" ] || [ ! -x "$mediac" ]; then
  echo "FAIL: no executable mediac (MEDIAC=${MEDIAC:-}, looked for ${mediac:-nothing})" >&2
  exit 1
fi
echo "server: $mediac lsp"

# ---------------------------------------------------------------- scratch folder
scratch=$(mktemp -d "${TMPDIR:-/tmp}/lsp-editor-check.XXXXXX")
scratch=$(cd "$scratch" && pwd -P)   # the path the server will see, without symbolic links
trap 'rm -rf "$scratch"' EXIT
# Neovim's state (the LSP log, shada, swap files) stays in the scratch folder.
export XDG_CONFIG_HOME=$scratch/xdg/config XDG_DATA_HOME=$scratch/xdg/data
export XDG_STATE_HOME=$scratch/xdg/state XDG_CACHE_HOME=$scratch/xdg/cache
mkdir -p "$scratch/project" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"

spec=$scratch/project/spec.media
# The name holds non-ASCII text so that a column counted in bytes instead of UTF-16 code units
# lands elsewhere on the line.
printf '%s\n' 'medium "Mü — µ" { layer "top" { thickness = 30 g/m2 } }' >"$spec"

cat >"$scratch/init.lua" <<'LUA'
-- Run by scripts/lsp-editor-check.sh in `nvim --headless`. Neovim 0.7 API (works on later ones).
local mediac = os.getenv('LSP_CHECK_MEDIAC')
local root_dir = os.getenv('LSP_CHECK_ROOT')
local timeout = tonumber(os.getenv('LSP_CHECK_TIMEOUT_MS')) or 10000
local severity = vim.diagnostic.severity

local function say(fmt, ...)
  io.stdout:write(string.format(fmt, ...) .. '\n')
  io.stdout:flush()
end

-- Neovim's own messages ("Client 1 quit with exit code 2 ...") on their own lines.
vim.notify = function(msg) say('neovim: %s', tostring(msg)) end

local client_id
local exited -- { code, signal } once the server process has ended

local function code_of(d)
  local lsp = d.user_data and d.user_data.lsp or {}
  local code = d.code or lsp.code
  return code ~= nil and tostring(code) or '-'
end

local function print_diagnostics(diagnostics)
  for _, d in ipairs(diagnostics) do
    say('  %d:%d %s %s %s', d.lnum, d.col, severity[d.severity] or tostring(d.severity), code_of(d),
      (d.message:gsub('\n', ' | ')))
  end
end

local function finish(status)
  if client_id and not exited then
    vim.lsp.stop_client(client_id) -- shutdown request, then the exit notification
    vim.wait(3000, function() return exited ~= nil end, 20)
    if exited then
      say('server stopped: exit code %s', tostring(exited.code))
    else
      say('note: the server had not exited 3 s after shutdown and exit')
    end
  end
  if status == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. status)
  end
end

local function fail(fmt, ...)
  say('FAIL: ' .. fmt, ...)
  if exited then
    say('the server exited: code %s, signal %s', tostring(exited.code), tostring(exited.signal))
  end
  -- Diagnostics filed under another buffer mean the server answered for another URI.
  for _, d in ipairs(vim.diagnostic.get()) do
    if d.bufnr ~= vim.api.nvim_get_current_buf() then
      say('  diagnostic for another buffer, %s: %s', vim.api.nvim_buf_get_name(d.bufnr), d.message)
    end
  end
  local log = io.open(vim.lsp.get_log_path(), 'r')
  if log then
    local lines = {}
    for line in log:lines() do lines[#lines + 1] = line end
    log:close()
    if #lines > 0 then
      say('last lines of the LSP log (%s):', vim.lsp.get_log_path())
      for i = math.max(1, #lines - 20), #lines do say('  %s', lines[i]) end
    end
  end
  finish(1)
end

-- Waits until `done()` holds, the server exits, or the time is up; true when `done()` held.
local function wait_for(done)
  vim.wait(timeout, function() return exited ~= nil or done() end, 20)
  return done()
end

local function main()
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'media' -- the languageId of didOpen
  local config = {
    name = 'mediac',
    cmd = { mediac, 'lsp' },
    root_dir = root_dir,
    flags = { debounce_text_changes = 20 },
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  }
  if vim.lsp.start then -- Neovim 0.8 and later: start and attach in one call
    client_id = vim.lsp.start(config, { bufnr = buf })
  else -- Neovim 0.7
    client_id = vim.lsp.start_client(config)
    if client_id then vim.lsp.buf_attach_client(buf, client_id) end
  end
  if not client_id then return fail('Neovim could not start `%s lsp`', mediac) end

  -- 1. didOpen: the unit error arrives.
  if not wait_for(function() return #vim.diagnostic.get(buf) > 0 end) then
    if exited then return fail('`%s lsp` exited before it published any diagnostics', mediac) end
    return fail('no diagnostics for %s within %d ms of opening it', vim.api.nvim_buf_get_name(buf), timeout)
  end
  local got = vim.diagnostic.get(buf)
  say('diagnostics after opening (%d):', #got)
  print_diagnostics(got)
  local line = vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1]
  local from = line:find('30 g/m2', 1, true) - 1 -- 0-based byte column
  local error
  for _, d in ipairs(got) do
    if d.severity == severity.ERROR and code_of(d) == 'media::unit::wrong_dimension' then error = d end
  end
  if not error then
    return fail('no error with code media::unit::wrong_dimension among them')
  end
  if error.lnum ~= 0 or (error.col ~= from and error.col ~= from + 3) then
    return fail('the error starts at %d:%d, not at `30 g/m2` (0:%d): are its columns UTF-16 code units?',
      error.lnum, error.col, from)
  end
  if error.source ~= 'mediac' then
    say('note: the error\'s source is %s, not "mediac"', tostring(error.source))
  end

  -- 2. didChange: fix the unit, and the error goes.
  vim.api.nvim_buf_set_text(buf, 0, from, 0, from + #'30 g/m2', { '30 µm' })
  say('edited line 0 to: %s', vim.api.nvim_buf_get_lines(buf, 0, 1, false)[1])
  local function serious() return vim.diagnostic.get(buf, { severity = { min = severity.WARN } }) end
  if not wait_for(function() return #serious() == 0 end) then
    say('diagnostics still there %d ms after the edit:', timeout)
    print_diagnostics(vim.diagnostic.get(buf))
    return fail('the error did not go away after the fix')
  end
  local left = vim.diagnostic.get(buf)
  say('diagnostics after the fix: %d, no error or warning', #left)
  print_diagnostics(left)

  say('OK')
  finish(0)
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    local ok, err = pcall(main)
    if not ok then fail('%s', tostring(err)) end
  end,
})
LUA

# ---------------------------------------------------------------- run
cd "$scratch/project"
status=0
LSP_CHECK_MEDIAC=$mediac LSP_CHECK_ROOT=$scratch/project LSP_CHECK_TIMEOUT_MS=$timeout_ms \
  timeout $((timeout_ms * 2 / 1000 + 30)) \
  nvim --headless -n -i NONE --noplugin -u "$scratch/init.lua" "$spec" </dev/null || status=$?
if [ "$status" -eq 124 ]; then
  echo "FAIL: Neovim did not finish in time" >&2
  exit 1
elif [ "$status" -ne 0 ]; then
  exit 1
fi
