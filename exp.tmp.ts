import Database from 'better-sqlite3';
const db = new Database('/tmp/s.db', { readonly: true });
const rows = db.prepare('SELECT a.id, a.content, ar.source FROM attributions a JOIN articles ar ON ar.id=a.article_id').all() as {id:number;content:string;source:string}[];
const STOP = new Set('a an the and or but of to in on at for by with from as that this these those it its is are was were be been being has have had will would could should may might can do does did not no than then there their they them he she his her we our you your i me my about into over under after before more most some any each every such which who whom whose what when where while also just only very said says say told according'.split(' '));
const stem = (w:string) => w.length > 4 ? w.replace(/(ing|ed|es|s)$/,'') : w;
const words = (t:string) => new Set(t.normalize('NFD').replace(/\p{M}+/gu,'').toLowerCase().replace(/[’']s\b/g,'').split(/[^\p{L}\p{N}]+/u).filter(w=>w && !STOP.has(w)).map(stem));
const sets = rows.map(r => ({...r, w: words(r.content)}));
const out: [number,number,string,string][] = [];
for (let i=0;i<sets.length;i++) for (let j=i+1;j<sets.length;j++) {
  const a=sets[i]!, b=sets[j]!; if (a.source===b.source) continue;
  let inter=0; for (const w of a.w) if (b.w.has(w)) inter++;
  const J = inter/(a.w.size+b.w.size-inter);
  if (J>=0.25 && inter>=3) out.push([J, inter, a.source.slice(12)+': '+a.content, b.source.slice(12)+': '+b.content]);
}
out.sort((x,y)=>y[0]-x[0]);
for (const o of out) console.log(o[0].toFixed(2), o[1], '\n   ', o[2], '\n   ', o[3]);
