import { describe, expect, it } from 'vitest';
import { autopilotRequestParams, formatConfidence, type AutopilotRequestContext } from '../../src/actions/remote/autopilot-request.js';

// A request Autopilot sent to an actions_url (chat channel), as captured by jovotech/jovo-framework
// jovo-platforms/jovo-platform-twilioautopilot/sample-request-json/IntentRequest.json (Apache-2.0);
// Memory abbreviated.
const captured: Record<string, string> = {
  CurrentTask: 'HelloWorldIntent',
  CurrentInput: 'Hello World',
  DialogueSid: 'UK0393f8b64ad14621hui29dkmciw6c',
  Memory: '{"twilio":{"chat":{"ChannelSid":"CH373268b0610c498jdn81bdf1fd3092b5","From":"user"}}}',
  DialoguePayloadUrl: 'https://autopilot.twilio.com/v1/Assistants/${AssistantSid}/Dialogues/${DialogueSid}',
  Channel: 'chat',
  NextBestTask: '',
  CurrentTaskConfidence: '1.0',
  AssistantSid: 'UA91fe2d6482a313a28jd92hjsd91',
  UserIdentifier: 'user',
  AccountSid: 'ACd97f7bdf1u289dns91b',
};

const memory = { twilio: { chat: { ChannelSid: 'CH373268b0610c498jdn81bdf1fd3092b5', From: 'user' } } };

const ctx: AutopilotRequestContext = {
  accountSid: 'ACd97f7bdf1u289dns91b',
  assistantSid: 'UA91fe2d6482a313a28jd92hjsd91',
  dialogueSid: 'UK0393f8b64ad14621hui29dkmciw6c',
  userIdentifier: 'user',
  currentInput: 'Hello World',
  currentTask: 'HelloWorldIntent',
  currentTaskConfidence: 1,
  nextBestTask: null,
  fields: [],
  dialoguePayloadUrl: 'https://autopilot.twilio.com/v1/Assistants/UA91fe2d6482a313a28jd92hjsd91/Dialogues/UK0393f8b64ad14621hui29dkmciw6c',
  memory,
  channel: 'chat',
};

describe('autopilotRequestParams', () => {
  it('sends on POST the parameters of the captured jovo request, plus CallbackSource and QuerySid', () => {
    const params = autopilotRequestParams(ctx, 'POST');
    // Every key Autopilot sent is sent, with the same values where the context matches the capture.
    for (const key of Object.keys(captured)) expect(params, key).toHaveProperty(key);
    expect(params).toEqual({
      AccountSid: 'ACd97f7bdf1u289dns91b',
      AssistantSid: 'UA91fe2d6482a313a28jd92hjsd91',
      DialogueSid: 'UK0393f8b64ad14621hui29dkmciw6c',
      UserIdentifier: 'user',
      CurrentInput: 'Hello World',
      CurrentTask: 'HelloWorldIntent',
      CurrentTaskConfidence: '1.0',
      NextBestTask: '',
      DialoguePayloadUrl: ctx.dialoguePayloadUrl,
      Memory: JSON.stringify(memory),
      Channel: 'chat',
      CallbackSource: 'None',
      QuerySid: 'None',
    });
    for (const key of ['CurrentTask', 'CurrentInput', 'DialogueSid', 'Memory', 'Channel', 'NextBestTask', 'CurrentTaskConfidence',
      'AssistantSid', 'UserIdentifier', 'AccountSid']) {
      expect(params[key], key).toBe(captured[key]);
    }
  });

  it('sends Memory as a JSON string that parses back to the memory', () => {
    const params = autopilotRequestParams(ctx, 'POST');
    expect(typeof params.Memory).toBe('string');
    expect(JSON.parse(params.Memory ?? 'null')).toEqual(memory);
  });

  it('leaves Memory out on GET and sends everything else the same', () => {
    const get = autopilotRequestParams(ctx, 'GET');
    const post = autopilotRequestParams(ctx, 'POST');
    expect(get).not.toHaveProperty('Memory');
    const { Memory: _memory, ...rest } = post;
    expect(get).toEqual(rest);
  });

  it('sends a Value and a Type parameter per field', () => {
    const params = autopilotRequestParams({
      ...ctx,
      fields: [
        { name: 'CLAIM_NUMBER', value: '23423', type: 'Twilio.ALPHANUMERIC' },
        { name: 'yes_no', value: 'Yes', type: 'Twilio.YES_NO' },
      ],
    }, 'GET');
    expect(params).toMatchObject({
      Field_CLAIM_NUMBER_Value: '23423',
      Field_CLAIM_NUMBER_Type: 'Twilio.ALPHANUMERIC',
      Field_yes_no_Value: 'Yes',
      Field_yes_no_Type: 'Twilio.YES_NO',
    });
    expect(Object.keys(params).filter((k) => k.startsWith('Field_'))).toHaveLength(4);
  });

  it('sends the next best task by name, and "" when there is none', () => {
    expect(autopilotRequestParams({ ...ctx, nextBestTask: 'goodbye' }, 'POST').NextBestTask).toBe('goodbye');
    expect(autopilotRequestParams({ ...ctx, nextBestTask: null }, 'POST').NextBestTask).toBe('');
  });

  it('adds the validate webhook parameters but never lets them replace a standard one', () => {
    const params = autopilotRequestParams({
      ...ctx,
      extra: { ValidateFieldAnswer: 'New York', ValidateFieldName: 'trip_start', ValidateFieldType: 'Twilio.CITY', AccountSid: 'ACforged' },
    }, 'POST');
    expect(params).toMatchObject({ ValidateFieldAnswer: 'New York', ValidateFieldName: 'trip_start', ValidateFieldType: 'Twilio.CITY' });
    expect(params.AccountSid).toBe(ctx.accountSid);
  });
});

describe('CurrentTaskConfidence formatting', () => {
  it.each([
    [1, '1.0'],
    [0, '0.0'],
    [0.82, '0.82'],
    [0.5, '0.5'],
    [0.8234567, '0.82'],
    [0.999, '1.0'],
    [0.07, '0.07'],
    [0.1 + 0.2, '0.3'],
    [1.7, '1.0'],
    [-0.2, '0.0'],
    [Number.NaN, '0.0'],
    [null, '1.0'],
  ])('%s -> %s', (confidence, expected) => {
    expect(formatConfidence(confidence)).toBe(expected);
    expect(autopilotRequestParams({ ...ctx, currentTaskConfidence: confidence }, 'POST').CurrentTaskConfidence).toBe(expected);
  });
});
