// A Wechaty puppet service (no TLS, 127.0.0.1 only) with a mock WeChat behind it: one
// compound's room, a resident, a neighbour, a Party member and a secretary. With --story
// they speak a task's life once the bot has logged in. Every line for the test starts
// with "PEER " and is JSON: {"type":"ready"|"said"|"sent"|"done", ...}; logs go to stderr.
//
//   node peer.mjs --port 8788 --token secret [--story] [--timeout 60]

import { PuppetServer } from 'wechaty-puppet-service'
import { PuppetMock, mock } from 'wechaty-puppet-mock'
import * as PUPPET from 'wechaty-puppet'

const args = process.argv.slice(2)
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`)
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback
}
const PORT = Number(arg('port', '8788'))
const TOKEN = arg('token', 'weizhili-test-token')
const STORY = args.includes('--story')
const TIMEOUT_S = Number(arg('timeout', '60'))

const report = (obj) => process.stdout.write('PEER ' + JSON.stringify(obj) + '\n')
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

const ROOM = 'jinchun-3@chatroom'
const PEOPLE = {
  bot: { id: 'wxid_weizhili_bot', name: '微治理' },
  resident: { id: 'wxid_li_xiuying', name: '李秀英', alias: '3栋李阿姨' },
  neighbour: { id: 'wxid_wang_daye', name: '王大爷' },
  party: { id: 'wxid_zhang_jianguo', name: '张建国', alias: '张党员' },
  secretary: { id: 'wxid_lei_shuji', name: '雷书记' },
}
const ALIAS = Object.fromEntries(
  Object.values(PEOPLE).filter((p) => p.alias).map((p) => [p.id, p.alias]),
)

let botFetched // resolves when the client has looked up the bot's own contact (its login)
const botLoggedIn = new Promise((resolve) => { botFetched = resolve })
const sentListeners = new Set()
let counter = 0

class StoryPuppet extends PuppetMock {
  // Records what the bot sends, with its mention ids, and echoes it back into the room as
  // WeChat does with the account's own messages.
  async messageSendText (conversationId, text, mentionIdList = []) {
    if (!this.isLoggedIn) {
      throw new Error('not logged in')
    }
    const id = `bot-msg-${++counter}`
    const payload = {
      id,
      talkerId: this.currentUserId,
      timestamp: Date.now(),
      type: PUPPET.types.Message.Text,
      text,
      ...(conversationId.includes('@')
        ? { roomId: conversationId, mentionIdList }
        : { listenerId: conversationId }),
    }
    this.mocker.MessageMock.create(payload)
    const sent = { type: 'sent', conversation: conversationId, text, mentions: mentionIdList, id }
    report(sent)
    sentListeners.forEach((fn) => fn(sent))
    setImmediate(() => this.emit('message', { messageId: id }))
    return id
  }

  async roomMemberRawPayload (roomId, contactId) {
    const payload = await super.roomMemberRawPayload(roomId, contactId)
    return { ...payload, roomAlias: ALIAS[contactId] || '' }
  }

  async contactRawPayload (id) {
    if (id === PEOPLE.bot.id) {
      botFetched()
    }
    return super.contactRawPayload(id)
  }
}

const mocker = new mock.Mocker()
const puppet = new StoryPuppet({ mocker })
const contacts = {}
for (const [role, p] of Object.entries(PEOPLE)) {
  contacts[role] = mocker.createContact({ id: p.id, name: p.name })
}
const room = mocker.createRoom({
  id: ROOM,
  topic: '锦春小区3栋业主群',
  memberIdList: Object.values(PEOPLE).map((p) => p.id),
})
// Every (re)start of the puppet by a client logs the bot in again.
mocker.use(() => {
  if (!puppet.isLoggedIn) {
    mocker.login(contacts.bot)
  }
  return () => {}
})

// One message in the room, delivered `times` times with the same id.
function say (role, text, times = 1) {
  const id = `msg-${role}-${++counter}`
  mocker.MessageMock.create({
    id,
    talkerId: PEOPLE[role].id,
    roomId: ROOM,
    timestamp: Date.now(),
    type: PUPPET.types.Message.Text,
    text,
    mentionIdList: [],
  })
  report({ type: 'said', by: PEOPLE[role].id, text, id, times })
  for (let i = 0; i < times; i++) {
    puppet.emit('message', { messageId: id })
  }
  return id
}

// Resolves after the bot's first answer and a short quiet spell, or after `ms`.
function answered (ms) {
  return new Promise((resolve) => {
    let quiet
    const done = () => {
      sentListeners.delete(onSent)
      clearTimeout(limit)
      clearTimeout(quiet)
      resolve()
    }
    const onSent = () => {
      clearTimeout(quiet)
      quiet = setTimeout(done, 800)
    }
    const limit = setTimeout(done, ms)
    sentListeners.add(onSent)
  })
}

async function story () {
  await botLoggedIn
  await sleep(1500)
  const steps = [
    ['resident', '3栋电梯坏了', 3],
    ['neighbour', '3栋的电梯也坏了，一直不动', 1],
    ['party', '「3栋李阿姨：3栋电梯坏了」\n- - - - - - - - - - - - - - -\n我来认领', 1],
    ['party', '#1 已联系维保公司', 1],
    ['party', '#1 修好了', 1],
    ['resident', '满意 1', 1],
  ]
  for (const [role, text, times] of steps) {
    const wait = answered(5000)
    say(role, text, times)
    await wait
  }
  report({ type: 'done' })
}

const server = new PuppetServer({
  endpoint: `127.0.0.1:${PORT}`,
  puppet,
  token: TOKEN,
  tls: { disable: true },
})

// server.stop() can wait for a connected client forever; the process exits regardless.
async function shutdown (code) {
  setTimeout(() => process.exit(code), 2000).unref()
  try {
    await server.stop()
  } catch (e) {
    console.error('peer: stopping the server failed:', e)
  }
  process.exit(code)
}

process.on('SIGTERM', () => shutdown(0))
process.on('SIGINT', () => shutdown(0))
setTimeout(() => {
  console.error(`peer: timed out after ${TIMEOUT_S} s`)
  shutdown(3)
}, TIMEOUT_S * 1000)

await server.start()
report({
  type: 'ready',
  endpoint: `127.0.0.1:${PORT}`,
  room: ROOM,
  ...Object.fromEntries(Object.entries(PEOPLE).map(([role, p]) => [role, p.id])),
  names: Object.fromEntries(Object.values(PEOPLE).map((p) => [p.id, p.alias || p.name])),
})
if (STORY) {
  story().catch((e) => {
    console.error('peer: the story failed:', e)
    shutdown(4)
  })
}
