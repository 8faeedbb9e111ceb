import { describe, expect, it } from 'vitest';
import { filterBuiltinOutOfScope } from '../../src/knowledge/out-of-scope.js';
import type { Topic } from '../../src/types.js';

// Issue 11: a built-in off-topic phrasing that resembles a topic is left out, and so are the other
// phrasings of the same request, but a chain of neighbours does not drift to unrelated requests.

const topic = (id: string, title: string, questions: string[]) => ({ id, title, questions }) as unknown as Topic;

const TOPICS = [topic('account-blocked', 'Account blocked', ['why is my account blocked', 'my account got blocked'])];

describe('filterBuiltinOutOfScope', () => {
  it('leaves out a resembling phrasing and its neighbours that share a word with the topic', () => {
    const phrasings = [
      'why is my bank account blocked', // resembles the topic's first question
      'why is there a hold on my bank account', // neighbour of the first, shares "account" with the topic
      'set an alarm for noon',
    ];
    const { kept, leftOut } = filterBuiltinOutOfScope(phrasings, TOPICS);
    expect(kept).toEqual(['set an alarm for noon']);
    expect(leftOut).toEqual({ count: 2, topics: [{ id: 'account-blocked', phrasings: 2 }] });
  });

  it('keeps a neighbour of a neighbour that shares no word with the topic', () => {
    const phrasings = [
      'why is my bank account blocked',
      'why is there a hold on my bank account',
      'why is there a hold on my parcel',
    ];
    const { kept } = filterBuiltinOutOfScope(phrasings, TOPICS);
    expect(kept).toEqual(['why is there a hold on my parcel']);
  });
});
