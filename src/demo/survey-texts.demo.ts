/*
 * What demo respondents write in the free-text answers: a small bank of plausible sentences in
 * each resident language (sample data, like the names in names.ts).
 */
type Bank = Record<string, string[]>;

export const WORKED_WELL: Bank = {
  en: [
    'The app let me add a photo and the pickup date came right away.',
    'The operator on 3-1-1 was patient and explained what they pick up.',
    'Getting a confirmation number made me feel it was really booked.',
    'It was quick: less than five minutes from start to finish.',
  ],
  es: [
    'La aplicación me dejó agregar una foto y me dieron la fecha enseguida.',
    'La persona del 3-1-1 habló español y fue muy amable.',
    'Me dieron un número de confirmación y eso me dio tranquilidad.',
    'Fue rápido, menos de cinco minutos.',
  ],
  ko: [
    '앱에서 사진을 올릴 수 있어서 편했습니다.',
    '3-1-1 상담원이 친절하게 설명해 주었습니다.',
    '확인 번호를 받아서 안심이 되었습니다.',
  ],
  hy: [
    'Հավելվածով հեշտ էր լուսանկար ավելացնել։',
    '3-1-1-ի աշխատակիցը համբերատար էր և ամեն ինչ բացատրեց։',
    'Հաստատման համար ստացա, և դա ինձ վստահություն տվեց։',
  ],
  'zh-Hant': [
    '應用程式可以上傳照片，很方便。',
    '3-1-1 的接線員很有耐心，解釋得很清楚。',
    '拿到確認號碼讓我比較放心。',
  ],
};

export const COULD_BE_BETTER: Bank = {
  en: [
    'I could not tell which items count as bulky, so I called to ask.',
    'The form asked for a cross street I did not know.',
    'Nobody told me the pickup was moved; the couch sat on the curb for a week.',
    'The wait on the phone line was over twenty minutes.',
    'The app logged me out before I could submit.',
  ],
  es: [
    'No sabía qué cosas se consideran voluminosas.',
    'La espera por teléfono fue de más de veinte minutos.',
    'Nadie me avisó que cambiaron la fecha de recolección.',
    'El formulario en línea solo estaba en inglés en una parte.',
  ],
  ko: [
    '어떤 물건이 대형 폐기물인지 알기 어려웠습니다.',
    '전화 대기 시간이 너무 길었습니다.',
    '수거 날짜가 바뀌었는데 아무 연락이 없었습니다.',
  ],
  hy: [
    'Պարզ չէր, թե որ իրերն են համարվում խոշոր։',
    'Հեռախոսով սպասելը շատ երկար տևեց։',
    'Ոչ ոք չտեղեկացրեց, որ հավաքման օրը փոխվել է։',
  ],
  'zh-Hant': [
    '不清楚哪些物品算是大型物品。',
    '電話等候時間太長了。',
    '收運日期改了卻沒有人通知我。',
  ],
};

export const SESSION_CHANGE: Bank = {
  en: [
    'Send the questions a day before so I can think about them.',
    'Start a little later for people who work until six.',
    'More time for the last topic; it felt rushed.',
  ],
  es: [
    'Enviar las preguntas un día antes.',
    'Empezar un poco más tarde para quienes trabajamos hasta las seis.',
    'Más tiempo para el último tema.',
  ],
  ko: ['질문을 하루 전에 보내 주세요.', '마지막 주제에 시간이 더 필요했습니다.'],
  hy: ['Հարցերը մեկ օր առաջ ուղարկեք։', 'Վերջին թեմային ավելի շատ ժամանակ տվեք։'],
  'zh-Hant': ['請提前一天寄送問題。', '最後一個主題需要更多時間。'],
};

export const ACCESS_PROBLEM: Bank = {
  en: [
    'The microphone did not reach the back of the room.',
    'The video link only worked after the second try.',
    'Parking was hard to find.',
  ],
  es: [
    'No se escuchaba bien al fondo de la sala.',
    'El enlace del video no funcionó la primera vez.',
    'Fue difícil encontrar estacionamiento.',
  ],
  ko: ['뒤쪽에서는 잘 들리지 않았습니다.', '화상 링크가 처음에는 작동하지 않았습니다.'],
  hy: ['Սրահի հետևում լավ չէր լսվում։', 'Տեսահղումը առաջին անգամ չաշխատեց։'],
  'zh-Hant': ['會場後方聽不太清楚。', '視訊連結第一次無法使用。'],
};

export const OTHER_CHANNEL: Bank = {
  en: ['My council office', 'Email to the City'],
  es: ['La oficina de mi concejal', 'Correo electrónico'],
  ko: ['시의원 사무실', '이메일'],
  hy: ['Խորհրդականի գրասենյակ', 'Էլեկտրոնային նամակ'],
  'zh-Hant': ['市議員辦公室', '電子郵件'],
};

/** What "another language" says, in the respondent's own words. */
export const OTHER_LANGUAGE = ['Tagalog', 'Tiếng Việt', 'Français', 'Português', 'Oaxaqueño'];

export function sentence(bank: Bank, language: string, pick: <T>(items: readonly T[]) => T) {
  return pick(bank[language] ?? bank.en);
}
