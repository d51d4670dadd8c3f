import type { Catalogue } from './en';

export const ko: Catalogue = {
  meta: { dir: 'ltr' },
  site: {
    name: 'Civic Panel',
    owner: '로스앤젤레스시 · 지역사회 참여 사무국',
    skip: '본문으로 건너뛰기',
    banner: '로스앤젤레스시 공식 웹사이트',
    languages: '언어',
    menu: '메뉴',
    footer: 'Civic Panel은 시가 MyLA311과 시 서비스에 대한 주민의 의견을 듣도록 돕습니다.',
    privacy: '알려 주신 정보는 조사에 초대하고 시 서비스를 개선하는 데에만 사용합니다.',
  },
  home: {
    title: '시 서비스를 더 좋게 만드는 데 도움을 주세요',
    lead: '로스앤젤레스시는 주민들에게 MyLA311과 시 서비스가 어떻게 도움이 되는지 묻고 있습니다.',
    what: '패널이란 무엇인가요?',
    whatBody:
      '패널은 대형 폐기물 수거나 낙서 제거와 같은 시 서비스에 관한 짧은 설문조사와 소규모 그룹 대화에 초대받는 데 동의한 로스앤젤레스 주민들의 모임입니다.',
    who: '누가 참여할 수 있나요?',
    whoBody:
      'MyLA311을 사용해 본 적이 있든 없든 로스앤젤레스에 사는 누구나 참여할 수 있습니다. 본인의 언어로, 온라인 또는 대면으로 참여할 수 있습니다.',
    privacy: '귀하의 정보',
    privacyBody:
      '무엇을 공유할지는 본인이 결정합니다. 언제든지 정보를 변경하거나, 연락을 일시 중지하거나, 정보를 삭제할 수 있습니다.',
    contact: '문의 사항이 있으면 3-1-1(로스앤젤레스 외부에서는 213-473-3231)로 전화하세요.',
  },
  errors: {
    notFoundTitle: '페이지를 찾을 수 없습니다',
    notFoundBody:
      '주소를 직접 입력했다면 올바른지 확인하세요. 링크를 따라왔다면 링크가 만료되었을 수 있습니다.',
    forbiddenTitle: '이 페이지를 열 수 없습니다',
    forbiddenBody:
      '세션이 종료되었거나 양식이 너무 오래 열려 있었을 수 있습니다. 뒤로 가서 페이지를 새로 고친 후 다시 시도하세요.',
    tooLargeTitle: '보내신 내용이 너무 큽니다',
    tooLargeBody: '답변을 줄여서 다시 시도하세요.',
    tooManyTitle: '시도 횟수가 너무 많습니다',
    tooManyBody: '몇 분 후에 다시 시도하세요.',
    badRequestTitle: '보내신 내용을 읽을 수 없습니다',
    badRequestBody: '뒤로 가서 답변을 확인한 후 다시 시도하세요.',
    serverTitle: '죄송합니다. 문제가 발생했습니다',
    serverBody: '문제가 기록되었습니다. 나중에 다시 시도하세요.',
    reference: '참조 번호: {{ref}}',
    home: '홈페이지로 가기',
  },
  form: {
    errorSummary: '문제가 있습니다',
    errorTitlePrefix: '오류:',
    optional: '(선택 사항)',
  },
};
