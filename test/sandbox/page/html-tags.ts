/** Reading rendered HTML in tests without a DOM: one element's opening tag, and its attributes. */

export const plain = (text: string) => ({ type: 'plain_text', text });

/** The opening tag of the element with this id; throws, showing the HTML, when there is none. */
export function tagWithId(html: string, id: string): string {
  const tag = html.match(new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`))?.[0];
  if (!tag) throw new Error(`no element with id ${id} in ${html}`);
  return tag;
}

/** An attribute's value in an opening tag, or undefined. */
export function attr(tag: string, name: string): string | undefined {
  return tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1];
}
