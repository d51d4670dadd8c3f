import type { CityNames } from '../../config';
import type { OptionSpec, QuestionSpec, SurveySpec } from '../model/spec';
import { NO_PERSONAL_DETAILS, TEMPLATE_LANGUAGES, filled, type Five } from './texts';

const T = {
  title: {
    en: 'After the focus group',
    es: 'Después del grupo de enfoque',
    ko: '포커스 그룹을 마치며',
    hy: 'Ֆոկուս խմբից հետո',
    'zh-Hant': '焦點小組結束後',
  },
  introduction: {
    en: 'Thank you for taking part in our focus group. Please tell us how it went: it takes about 3 minutes.',
    es: 'Gracias por participar en nuestro grupo de enfoque. Cuéntenos cómo le fue: toma unos 3 minutos.',
    ko: '포커스 그룹에 참여해 주셔서 감사합니다. 어떠셨는지 알려 주세요. 약 3분 정도 걸립니다.',
    hy: 'Շնորհակալություն մեր ֆոկուս խմբին մասնակցելու համար։ Պատմեք մեզ, թե ինչպես անցավ․ սա կտևի մոտ 3 րոպե։',
    'zh-Hant': '感謝您參加我們的焦點小組。請告訴我們您的感受，大約需要 3 分鐘。',
  },
  thankYou: {
    en: 'Thank you. We read every answer and use it to plan the next sessions.',
    es: 'Gracias. Leemos cada respuesta y la usamos para planear las próximas sesiones.',
    ko: '감사합니다. 모든 응답을 읽고 다음 세션을 준비하는 데 활용합니다.',
    hy: 'Շնորհակալություն։ Մենք կարդում ենք յուրաքանչյուր պատասխան և օգտագործում այն հաջորդ հանդիպումները ծրագրելու համար։',
    'zh-Hant': '謝謝您。我們會閱讀每一則回答，並用來規劃下一次的活動。',
  },
  sessionPage: {
    en: 'The session',
    es: 'La sesión',
    ko: '세션',
    hy: 'Հանդիպումը',
    'zh-Hant': '這次活動',
  },
  rating: {
    en: 'Overall, how was the session?',
    es: 'En general, ¿qué le pareció la sesión?',
    ko: '전반적으로 세션은 어떠셨습니까?',
    hy: 'Ընդհանուր առմամբ, ինչպե՞ս անցավ հանդիպումը։',
    'zh-Hant': '整體而言，您覺得這次活動如何？',
  },
  veryGood: {
    en: 'Very good',
    es: 'Muy buena',
    ko: '매우 좋았다',
    hy: 'Շատ լավ',
    'zh-Hant': '非常好',
  },
  good: { en: 'Good', es: 'Buena', ko: '좋았다', hy: 'Լավ', 'zh-Hant': '好' },
  okay: { en: 'Okay', es: 'Regular', ko: '보통이었다', hy: 'Միջին', 'zh-Hant': '普通' },
  poor: { en: 'Poor', es: 'Mala', ko: '좋지 않았다', hy: 'Վատ', 'zh-Hant': '不好' },
  veryPoor: {
    en: 'Very poor',
    es: 'Muy mala',
    ko: '매우 좋지 않았다',
    hy: 'Շատ վատ',
    'zh-Hant': '非常不好',
  },
  heard: {
    en: 'I felt heard during the session.',
    es: 'Sentí que me escucharon durante la sesión.',
    ko: '세션 중에 제 의견이 존중받는다고 느꼈습니다.',
    hy: 'Հանդիպման ընթացքում ես զգացի, որ ինձ լսում են։',
    'zh-Hant': '在活動中，我覺得自己的意見有被聽見。',
  },
  access: {
    en: 'How easy was it to take part, in the room or on the video call (getting there, hearing, seeing, reading, interpretation)?',
    es: '¿Qué tan fácil fue participar, en la sala o en la videollamada (llegar, oír, ver, leer, la interpretación)?',
    ko: '회의실이나 화상 통화에서 참여하기가 얼마나 쉬웠습니까? (찾아오기, 듣기, 보기, 읽기, 통역 등)',
    hy: 'Որքանո՞վ էր հեշտ մասնակցելը՝ սրահում կամ տեսազանգի ժամանակ (տեղ հասնել, լսել, տեսնել, կարդալ, թարգմանություն)։',
    'zh-Hant': '在會場或視訊通話中參與有多容易？（抵達、聆聽、觀看、閱讀、口譯）',
  },
  easy: {
    en: 'Easy: I had what I needed',
    es: 'Fácil: tuve lo que necesitaba',
    ko: '쉬웠다: 필요한 것이 모두 있었다',
    hy: 'Հեշտ․ ունեի այն, ինչ պետք էր',
    'zh-Hant': '容易：我需要的都有',
  },
  someProblems: {
    en: 'Possible, with some problems',
    es: 'Posible, con algunos problemas',
    ko: '가능했지만 몇 가지 문제가 있었다',
    hy: 'Հնարավոր էր, բայց որոշ խնդիրներով',
    'zh-Hant': '可以，但有一些問題',
  },
  hard: {
    en: 'Hard: something kept me from taking part fully',
    es: 'Difícil: algo me impidió participar plenamente',
    ko: '어려웠다: 충분히 참여하지 못하게 하는 문제가 있었다',
    hy: 'Դժվար․ ինչ-որ բան խանգարեց լիարժեք մասնակցել',
    'zh-Hant': '困難：有些狀況讓我無法充分參與',
  },
  nextPage: {
    en: 'Next time',
    es: 'La próxima vez',
    ko: '다음에는',
    hy: 'Հաջորդ անգամ',
    'zh-Hant': '下一次',
  },
  accessProblem: {
    en: 'What got in the way?',
    es: '¿Qué se lo dificultó?',
    ko: '무엇이 불편했습니까?',
    hy: 'Ի՞նչը խանգարեց։',
    'zh-Hant': '是什麼造成了困難？',
  },
  again: {
    en: 'Would you take part in another session?',
    es: '¿Participaría en otra sesión?',
    ko: '다른 세션에도 참여하시겠습니까?',
    hy: 'Կմասնակցե՞ք մեկ այլ հանդիպման։',
    'zh-Hant': '您願意再參加其他場次嗎？',
  },
  change: {
    en: 'What should we change for the next session?',
    es: '¿Qué deberíamos cambiar para la próxima sesión?',
    ko: '다음 세션을 위해 무엇을 바꾸면 좋겠습니까?',
    hy: 'Ի՞նչ պետք է փոխենք հաջորդ հանդիպման համար։',
    'zh-Hant': '下一次活動我們應該改變什麼？',
  },
  recommend: {
    en: 'How likely are you to recommend taking part in a focus group like this to a friend or neighbor?',
    es: '¿Qué tan probable es que recomiende participar en un grupo de enfoque como este a un amigo o vecino?',
    ko: '이와 같은 포커스 그룹 참여를 친구나 이웃에게 추천할 가능성은 얼마나 됩니까?',
    hy: 'Որքանո՞վ է հավանական, որ ընկերոջը կամ հարևանին խորհուրդ տաք մասնակցել նման ֆոկուս խմբի։',
    'zh-Hant': '您有多大可能會推薦朋友或鄰居參加類似的焦點小組？',
  },
} satisfies Record<string, Five>;

/**
 * The feedback survey after a focus group (kind `post_session`, sent to those who attended):
 * the session overall, feeling heard, how accessible the room or video call was (and, for those
 * who had trouble, what got in the way), taking part again, what to change, and an NPS-style
 * likelihood to recommend taking part.
 */
export function postSessionTemplate(c: { names: CityNames }): SurveySpec {
  const f = (t: Five) => filled(t, { names: c.names });
  const option = (code: string, label: Five): OptionSpec => ({ code, label: f(label) });
  const text = (code: string, label: Five, rest: Partial<QuestionSpec> = {}): QuestionSpec => ({
    code,
    type: 'long_text',
    label: f(label),
    help: f(NO_PERSONAL_DETAILS),
    settings: { maxLength: 2000 },
    ...rest,
  });
  return {
    title: 'After the focus group: feedback',
    kind: 'post_session',
    languages: [...TEMPLATE_LANGUAGES],
    texts: { title: f(T.title), introduction: f(T.introduction), thankYou: f(T.thankYou) },
    pages: [
      {
        title: f(T.sessionPage),
        questions: [
          {
            code: 'session_rating',
            type: 'single_choice',
            required: true,
            label: f(T.rating),
            options: [
              option('very_good', T.veryGood),
              option('good', T.good),
              option('okay', T.okay),
              option('poor', T.poor),
              option('very_poor', T.veryPoor),
            ],
          },
          { code: 'felt_heard', type: 'agreement', label: f(T.heard) },
          {
            code: 'accessibility',
            type: 'single_choice',
            preferNot: true,
            label: f(T.access),
            options: [
              option('easy', T.easy),
              option('some_problems', T.someProblems),
              option('hard', T.hard),
            ],
          },
        ],
      },
      {
        title: f(T.nextPage),
        questions: [
          text('access_problem', T.accessProblem, {
            condition: {
              combine: 'all',
              rules: [
                { question: 'accessibility', op: 'one_of', value: ['some_problems', 'hard'] },
              ],
            },
          }),
          { code: 'again', type: 'yes_no', required: true, label: f(T.again) },
          text('change', T.change),
          { code: 'recommend', type: 'nps', label: f(T.recommend) },
        ],
      },
    ],
  };
}
