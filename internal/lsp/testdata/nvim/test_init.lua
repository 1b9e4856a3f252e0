-- The Neovim end-to-end test of `pfshape lsp` (see nvim_e2e_test.go).
-- Neovim's built-in LSP client starts the server, opens a pf.conf,
-- waits for its diagnostics, asks for hover, definition and code
-- actions, applies the rename quick fix and writes the buffer. What it
-- sees goes to files in $PFSHAPE_OUT, which the Go test reads. Every wait
-- is bounded; on any failure it writes error.txt and quits with an error.
-- Works with Neovim 0.7 (Debian 12) and later.

local bin = assert(os.getenv('PFSHAPE_BIN'), 'PFSHAPE_BIN not set')
local file = assert(os.getenv('PFSHAPE_FILE'), 'PFSHAPE_FILE not set')
local out = assert(os.getenv('PFSHAPE_OUT'), 'PFSHAPE_OUT not set')
local timeout = tonumber(os.getenv('PFSHAPE_TIMEOUT_MS') or '10000')

local function write(name, text)
  local f = assert(io.open(out .. '/' .. name, 'w'))
  f:write(text)
  f:close()
end

local function step(name)
  write('step.txt', name)
end

-- request sends a request and waits for its result, within the timeout.
local function request(client, method, params, bufnr)
  local resp, err
  if vim.fn.has('nvim-0.11') == 1 then
    resp, err = client:request_sync(method, params, timeout, bufnr)
  else
    resp, err = client.request_sync(method, params, timeout, bufnr)
  end
  if not resp then
    error(method .. ': ' .. tostring(err))
  end
  if resp.err then
    error(method .. ': ' .. vim.inspect(resp.err))
  end
  return resp.result
end

local function diagnostics_json(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
      source = d.source, message = d.message,
    })
  end
  return vim.fn.json_encode(list)
end

local function has_code(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local c = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if c == code then
      return d
    end
  end
  return nil
end

-- utf16 converts a byte column of a buffer line to UTF-16 code units.
local function utf16(bufnr, lnum, col)
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1] or ''
  local _, units = vim.str_utfindex(line, col)
  return units
end

local function scenario()
  step('open')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local config = {
    name = 'pfshape',
    cmd = { bin, 'lsp', '--target', 'openbsd-5.4' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    init_options = { upgradeTarget = 'openbsd-7.8' },
  }
  step('start')
  local client_id
  if vim.lsp.start then
    client_id = vim.lsp.start(config, { bufnr = bufnr })
  else
    client_id = vim.lsp.start_client(config)
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  assert(client_id, 'the client did not start')

  step('diagnostics')
  if not vim.wait(timeout, function() return has_code(bufnr, 'PF102') ~= nil end, 20) then
    error('no PF102 diagnostic within ' .. timeout .. 'ms; got ' .. diagnostics_json(bufnr))
  end
  write('diagnostics.json', diagnostics_json(bufnr))
  local client = assert(vim.lsp.get_client_by_id(client_id), 'no client')
  local uri = vim.uri_from_bufnr(bufnr)

  -- Hover and definition on the first assignment of ssh.
  step('hover')
  local hl = vim.fn.search('port 22 queue ssh', 'n') - 1
  local hcol = utf16(bufnr, hl, #('pass out on $ext_if proto tcp to port 22 queue s'))
  local hover = request(client, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = hl, character = hcol } }, bufnr)
  write('hover.json', vim.fn.json_encode(hover or vim.NIL))
  step('definition')
  local def = request(client, 'textDocument/definition',
    { textDocument = { uri = uri }, position = { line = hl, character = hcol } }, bufnr)
  write('definition.json', vim.fn.json_encode(def or vim.NIL))

  -- The rename quick fix for the typo, applied as the client applies
  -- any workspace edit.
  step('codeAction')
  local d = has_code(bufnr, 'PF102')
  local range = {
    start = { line = d.lnum, character = utf16(bufnr, d.lnum, d.col) },
    ['end'] = { line = d.end_lnum, character = utf16(bufnr, d.end_lnum, d.end_col) },
  }
  local actions = request(client, 'textDocument/codeAction',
    { textDocument = { uri = uri }, range = range, context = { diagnostics = {} } }, bufnr) or {}
  local titles = {}
  local chosen
  for _, a in ipairs(actions) do
    table.insert(titles, a.title)
    if a.title:find('Rename to the defined queue', 1, true) then
      chosen = a
    end
  end
  write('actions.json', vim.fn.json_encode(titles))
  assert(chosen, 'no rename action among ' .. vim.inspect(titles))
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  step('write')
  vim.cmd('write')

  step('diagnostics after the fix')
  if not vim.wait(timeout, function() return has_code(bufnr, 'PF102') == nil end, 20) then
    error('PF102 still there ' .. timeout .. 'ms after the fix: ' .. diagnostics_json(bufnr))
  end
  write('diagnostics_after.json', diagnostics_json(bufnr))

  step('stop')
  vim.lsp.stop_client(client_id)
  if not vim.wait(timeout, function() return vim.lsp.client_is_stopped(client_id) end, 20) then
    error('the server did not stop within ' .. timeout .. 'ms')
  end
  write('done.txt', 'ok\n')
end

vim.api.nvim_create_autocmd('VimEnter', {
  once = true,
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(scenario)
      if not ok then
        write('error.txt', tostring(err) .. '\n')
        vim.cmd('cquit 1')
      else
        vim.cmd('qall!')
      end
    end)
  end,
})
