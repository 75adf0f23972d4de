// The simulator page (docs/simulator.md): talks to /simulator/api and shows each turn's trace.
// Everything from the server is put on the page as text (textContent), never as markup.

const $ = (id) => document.getElementById(id);
const API = 'simulator/api/';

const state = {
  assistant: '',
  channel: 'sms',
  conversation: newConversation(),
  // The call in progress as `{assistant, conversation}`, the ones it was made with: the select may show another by now.
  call: null,
  turns: [],
  shown: -1,
};

function newConversation() {
  return crypto.randomUUID().replaceAll('-', '').slice(0, 20);
}

async function api(method, path, body) {
  const response = await fetch(API + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const data = await response.json().catch(() => null);
  if (!response.ok) throw new Error(data?.message ?? `HTTP ${response.status}`);
  return data;
}

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function setStatus(text, isError = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', isError);
}

function addBubble(who, text, turnIndex) {
  const item = el('li', text, `bubble ${who}`);
  if (turnIndex !== undefined) {
    item.dataset.turn = String(turnIndex);
    item.title = 'Show this turn';
    item.addEventListener('click', () => showTurn(turnIndex));
  }
  $('transcript').append(item);
  item.scrollIntoView({ block: 'end' });
}

/**
 * What the user reads or hears, for the transcript: `texts` are the server's words per output, as
 * the messaging channel renders them (SSML taken out, entities decoded); blank ones are not sent.
 */
function replyText(outputs, texts) {
  const lines = [];
  outputs.forEach((output, i) => {
    const words = texts[i] ?? '';
    if (output.kind === 'say' && words.trim() !== '') lines.push(words);
    else if (output.kind === 'show') lines.push(...[words, ...output.images.map((img) => `[image] ${img.label ? `${img.label} ` : ''}${img.url}`)].filter((l) => l.trim() !== ''));
    else if (output.kind === 'play') lines.push(`[play] ${output.digits ? `digits ${output.digits} ` : ''}${output.url}`);
  });
  return lines.join('\n');
}

function describeInput(input) {
  if (input.kind === 'text') return input.text;
  if (input.kind === 'digits') return `[keys] ${input.digits}`;
  if (input.kind === 'start') return '[call start]';
  return '[silence]';
}

function describeNext(next) {
  switch (next.kind) {
    case 'listen': return 'listen (next message or speech)';
    case 'collect': return `collect ${next.question.collect}: ${next.question.question}`;
    case 'handoff': return `handoff to ${next.handoff.uri}`;
    default: return 'nothing: the dialogue ended';
  }
}

/** Whether the page still talks to where `sent` went: another assistant or a restart means a reply is stale. */
function isCurrent(sent) {
  return sent.assistant === state.assistant && sent.conversation === state.conversation;
}

const listens = (next) => next.kind === 'listen' || next.kind === 'collect';

async function sendTurn(input) {
  if (!state.assistant) {
    setStatus('Pick an assistant first.', true);
    return;
  }
  const sent = { assistant: state.assistant, channel: state.channel, conversation: state.conversation };
  if (sent.channel === 'voice' && state.call === null && input.kind !== 'start') {
    await sendTurn({ kind: 'start' });
    if (!isCurrent(sent)) return;
  }
  const call = state.call;
  addBubble('user', describeInput(input));
  setStatus('…');
  try {
    const data = await api('POST', 'turn', { ...sent, input });
    if (!isCurrent(sent)) {
      // No one else knows of a call this start opened, so it is hung up here rather than left to expire.
      if (input.kind === 'start' && listens(data.result.next)) void api('POST', 'hangup', { assistant: sent.assistant, conversation: sent.conversation }).catch(() => {});
      return;
    }
    const index = state.turns.push({ input, channel: sent.channel, ...data }) - 1;
    const text = replyText(data.result.outputs, data.texts);
    addBubble('bot', text === '' ? '(no reply)' : text, index);
    // A reply to a turn sent before a hang-up does not bring that call back.
    if (sent.channel === 'voice' && state.call === call) setCall(listens(data.result.next) ? call ?? { assistant: sent.assistant, conversation: sent.conversation } : null);
    if (data.result.next.kind === 'end' || data.result.next.kind === 'handoff') addBubble('system', `Dialogue ${data.result.next.kind === 'end' ? 'ended' : 'handed off'}.`);
    showTurn(index);
    setStatus('');
  } catch (error) {
    if (!isCurrent(sent)) return;
    addBubble('system', `Error: ${error.message}`);
    setStatus(error.message, true);
  }
}

function setCall(call) {
  state.call = call;
  $('call-state').textContent = call === null ? 'no call' : 'call in progress';
}

function fmt(n) {
  return typeof n === 'number' ? n.toFixed(3) : '–';
}

function fillRows(tbody, rows) {
  tbody.replaceChildren(...rows.map((cells) => {
    const tr = el('tr');
    for (const cell of cells) tr.append(cell instanceof Node ? (() => { const td = el('td'); td.append(cell); return td; })() : el('td', cell));
    return tr;
  }));
}

function showTurn(index) {
  const turn = state.turns[index];
  if (!turn) return;
  state.shown = index;
  for (const item of $('transcript').querySelectorAll('.bubble.bot')) item.classList.toggle('selected', item.dataset.turn === String(index));
  const { result, twiml } = turn;
  const trace = result.trace;
  $('turn-number').textContent = `${index + 1} of ${state.turns.length}${result.replayed ? ' (replayed)' : ''}`;
  // The task that ran last (after a redirect, not the classified one); the classified one when none ran.
  $('task').textContent = result.currentTask ?? trace.task ?? '(none)';
  $('confidence').textContent = fmt(trace.confidence);
  $('probability').textContent = fmt(trace.probability);
  $('next-best').textContent = trace.nextBestTask ?? '–';
  $('next').textContent = describeNext(result.next);
  $('dialogue').textContent = result.dialogueSid;
  fillRows($('fields').tBodies[0], trace.fields.map((f) => [f.name, f.value, f.type]));
  $('actions').replaceChildren(...trace.actions.map((a) => el('li', a)));
  fillRows($('webhooks').tBodies[0], trace.webhooks.map((w) => [
    w.method, w.url, w.purpose, w.status ?? '–', Math.round(w.durationMs),
    el('span', w.ok ? 'ok' : `failed${w.code === undefined ? '' : ` (${w.code})`}`, w.ok ? 'ok' : 'error'),
  ]));
  $('problems').replaceChildren(...(trace.problems.length === 0 ? [el('li', 'none', 'muted')] : trace.problems.map((p) => el('li', `${p.code}: ${p.message}`, 'error'))));
  $('twiml-channel').textContent = turn.channel === 'sms' ? '(Messaging, as the SMS webhook answers)' : '(Voice, as the voice webhook answers)';
  $('twiml').textContent = $('twiml-raw').checked ? twiml : prettyXml(twiml);
  $('memory').textContent = JSON.stringify(result.memory, null, 2);
}

/** Indents the TwiML for reading; "exact bytes" shows the reply as the channel sends it. */
function prettyXml(xml) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  if (doc.querySelector('parsererror')) return xml;
  const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const attrs = (node) => [...node.attributes].map((a) => ` ${a.name}="${escape(a.value).replace(/"/g, '&quot;')}"`).join('');
  const walk = (node, depth) => {
    const pad = '  '.repeat(depth);
    const kids = [...node.childNodes].filter((n) => n.nodeType === 1 || (n.nodeType === 3 && n.nodeValue.trim() !== ''));
    if (kids.length === 0) return `${pad}<${node.nodeName}${attrs(node)}/>`;
    if (kids.every((n) => n.nodeType === 3)) return `${pad}<${node.nodeName}${attrs(node)}>${escape(node.textContent)}</${node.nodeName}>`;
    const inner = kids.map((n) => (n.nodeType === 3 ? `${pad}  ${escape(n.nodeValue.trim())}` : walk(n, depth + 1)));
    return [`${pad}<${node.nodeName}${attrs(node)}>`, ...inner, `${pad}</${node.nodeName}>`].join('\n');
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${walk(doc.documentElement, 0)}`;
}

async function hangUp(call = state.call) {
  if (call === null) return;
  if (state.call === call) setCall(null);
  try {
    await api('POST', 'hangup', call);
    if (call.conversation === state.conversation) addBubble('system', 'Call ended (hung up).');
  } catch (error) {
    setStatus(error.message, true);
  }
}

/** The panel as the page first shows it, so it never describes a forgotten conversation. */
function clearTurnPanel() {
  for (const id of ['turn-number', 'task', 'confidence', 'probability', 'next-best', 'next', 'dialogue']) $(id).textContent = '–';
  for (const id of ['twiml-channel', 'twiml', 'memory']) $(id).textContent = '';
  for (const id of ['fields', 'webhooks']) $(id).tBodies[0].replaceChildren();
  $('actions').replaceChildren();
  $('problems').replaceChildren();
}

async function restart() {
  // The new conversation is current before the old call is hung up, so replies still on their way find theirs gone.
  const call = state.call;
  state.conversation = newConversation();
  state.turns = [];
  state.shown = -1;
  setCall(null);
  $('transcript').replaceChildren();
  clearTurnPanel();
  $('conversation').textContent = `conversation ${state.conversation}`;
  addBubble('system', `New ${state.channel === 'sms' ? 'SMS conversation' : 'call'} with ${$('assistant').selectedOptions[0]?.textContent ?? 'no assistant'}.`);
  await hangUp(call);
}

function buildKeypad() {
  for (const key of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#']) {
    const button = el('button', key);
    button.type = 'button';
    button.addEventListener('click', () => { $('digits').value += key; });
    $('keypad').append(button);
  }
}

async function loadAssistants() {
  const { assistants } = await api('GET', 'assistants');
  const select = $('assistant');
  select.replaceChildren(...assistants.map((a) => {
    const option = el('option', a.friendly_name ? `${a.unique_name} (${a.friendly_name})` : a.unique_name);
    option.value = a.sid;
    return option;
  }));
  if (assistants.length === 0) setStatus('No assistants yet: create one with the REST API or `parley` CLI.', true);
  state.assistant = select.value;
}

function wire() {
  buildKeypad();
  $('composer').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('text').value;
    $('text').value = '';
    void sendTurn({ kind: 'text', text });
  });
  $('digits-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const digits = $('digits').value.trim();
    $('digits').value = '';
    if (digits !== '') void sendTurn({ kind: 'digits', digits });
  });
  $('call-start').addEventListener('click', async () => {
    if (state.call !== null) await restart();
    void sendTurn({ kind: 'start' });
  });
  $('silence').addEventListener('click', () => void sendTurn({ kind: 'no-input' }));
  $('hang-up').addEventListener('click', () => void hangUp());
  $('restart').addEventListener('click', () => void restart());
  $('assistant').addEventListener('change', () => { state.assistant = $('assistant').value; void restart(); });
  $('twiml-raw').addEventListener('change', () => showTurn(state.shown));
  for (const radio of document.querySelectorAll('input[name="channel"]')) {
    radio.addEventListener('change', async () => {
      state.channel = radio.value;
      $('voice-controls').hidden = state.channel !== 'voice';
      $('text').placeholder = state.channel === 'voice' ? 'Type what the caller says…' : 'Type a message…';
      await restart();
    });
  }
}

wire();
loadAssistants()
  .then(() => restart())
  .catch((error) => setStatus(`Could not list assistants: ${error.message}`, true));
